//! The `descent` command line, run as a user would.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use std::process::Command;

fn descent(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_lists_the_commands() {
    let (ok, out, _) = descent(&["--help"]);
    assert!(ok);
    for cmd in ["data-info", "trajectory", "figure optimizers"] {
        assert!(out.contains(cmd), "help lacks {cmd}");
    }
}

#[test]
fn every_setting_of_the_catalogue_is_a_flag() {
    let (_, help, _) = descent(&["--help"]);
    let mut tables = descent::train::settings::entries();
    tables.extend(descent::optim::lab::SETTINGS);
    tables.extend(descent::init::settings::SETTINGS);
    for e in tables {
        assert!(
            help.contains(&format!("--{} ", e.key)),
            "--{} is not in --help",
            e.key
        );
    }
    // A hyperparameter added as one catalogue entry is a flag at once:
    // AdaGrad with ε inside the root takes a different path (worked in
    // src/optim/adagrad.rs's test by hand).
    let path = |extra: &[&str]| {
        let mut args = vec![
            "trajectory",
            "--optimizer",
            "adagrad",
            "--lr",
            "1.5",
            "--eps",
            "0.5",
            "--steps",
            "3",
        ];
        args.extend(extra);
        let (ok, out, err) = descent(&args);
        assert!(ok, "{err}");
        out
    };
    assert_ne!(path(&[]), path(&["--eps-inside"]));
    assert_eq!(path(&["--eps-inside"]), path(&["--eps-inside", "1"]));
    let (ok, _, err) = descent(&["trajectory", "--optimizer", "sgd", "--eps-inside"]);
    assert!(
        !ok && err.contains("SGD has no setting \"eps-inside\""),
        "{err}"
    );
}

#[test]
fn trajectory_prints_the_start_and_one_point_per_update() {
    let (ok, out, err) = descent(&[
        "trajectory",
        "--optimizer",
        "sgd",
        "--lr",
        "0.95",
        "--start",
        "-7,2",
        "--steps",
        "2",
    ]);
    assert!(ok, "{err}");
    // By hand: (-7, 2) → (-6.335, -1.8) → (-5.733175, 1.62).
    assert_eq!(
        out.trim(),
        r#"{"points":[[-7,2],[-6.335,-1.7999999999999998],[-5.733175,1.6199999999999997]],"diverged_at":null}"#
    );
    let (ok, out, _) = descent(&[
        "trajectory",
        "--surface",
        "x^2 + y^2",
        "--optimizer",
        "newton",
        "--start",
        "3,4",
        "--steps",
        "1",
    ]);
    assert!(ok);
    assert_eq!(out.trim(), r#"{"points":[[3,4],[0,0]],"diverged_at":null}"#);
}

#[test]
fn trajectory_runs_bfgs_and_lbfgs_with_their_memory() {
    // BFGS on x² + y² from (3, 4), by hand: H = I, so d = −g = (−6, −8); the
    // full step t = 1 lands on (−3, −4) where f is still 25 (no decrease),
    // so the line search halves it: t = ½ lands on the minimum.
    let (ok, out, err) = descent(&[
        "trajectory",
        "--surface",
        "x^2 + y^2",
        "--optimizer",
        "bfgs",
        "--start",
        "3,4",
        "--steps",
        "1",
    ]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), r#"{"points":[[3,4],[0,0]],"diverged_at":null}"#);
    // L-BFGS with three pairs down Rosenbrock's valley ends on (1, 1).
    let (ok, out, err) = descent(&[
        "trajectory",
        "--surface",
        "rosenbrock",
        "--optimizer",
        "lbfgs",
        "--memory",
        "3",
        "--start",
        "-1.2,1",
        "--steps",
        "60",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.trim().ends_with(r#"[1,1]],"diverged_at":null}"#),
        "{out}"
    );
    let (ok, _, err) = descent(&["trajectory", "--optimizer", "lbfgs", "--memory", "2.5"]);
    assert!(
        !ok && err.contains("memory m must be a whole number from 1 to 20"),
        "{err}"
    );
    let (ok, _, err) = descent(&["trajectory", "--optimizer", "bfgs", "--memory", "3"]);
    assert!(
        !ok && err.contains("BFGS has no setting \"memory\""),
        "{err}"
    );
}

#[test]
fn quadratic_prints_the_bowls_numbers_worked_by_hand() {
    // The book's bowl: H = diag(0.1, 2), κ = 20, 2/λmax = 1, η* = 2/2.1.
    let (ok, out, err) = descent(&["quadratic", "--surface", "bowl"]);
    assert!(ok, "{err}");
    assert!(out.starts_with(r#"{"surface":"bowl","at":[-7,2],"hessian":[0.1,0,2],"quadratic":true,"eigenvalues":[2,0.1]"#), "{out}");
    assert!(out.contains(r#""condition":20"#), "{out}");
    assert!(
        out.contains(r#""gd_stability_limit":1,"gd_optimal_lr":0.952380952380952"#),
        "{out}"
    );
    // A saddle (λ = 2, −2) has a stability limit, 2/2, and no optimal step.
    let (ok, out, _) = descent(&["quadratic", "--surface", "saddle", "--start", "1,1"]);
    assert!(ok);
    assert!(
        out.contains(r#""gd_stability_limit":1,"gd_optimal_lr":null"#),
        "{out}"
    );
    // Flags of the paths have no meaning here.
    let (ok, _, err) = descent(&["quadratic", "--steps", "10"]);
    assert!(!ok && err.contains("steps"), "{err}");
}

#[test]
fn trajectory_reports_divergence_and_bad_input() {
    let (ok, out, _) = descent(&[
        "trajectory",
        "--lr",
        "1.5",
        "--start",
        "0,2",
        "--steps",
        "100",
    ]);
    assert!(ok);
    assert!(out.contains(r#""diverged_at":19"#), "{out}");
    let (ok, _, err) = descent(&["trajectory", "--lr", "-1"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "descent: The learning rate η must be from 1e-6 to 10, got -1."
    );
    let (ok, _, err) = descent(&["trajectory", "--surface", "x^2 + * y"]);
    assert!(!ok);
    assert!(err.contains("position 7"), "{err}");
    let (ok, _, err) = descent(&["trajectory", "--speed", "3"]);
    assert!(!ok && err.contains("unknown option --speed"));
}

#[test]
fn figure_writes_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("descent-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("fig.svg");
    let (ok, _, err) = descent(&[
        "figure",
        "optimizers",
        "--preset",
        "book",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    for label in [
        "SGD η=0.95",
        "Momentum η=0.1",
        "AdaGrad η=1.5",
        "Adam η=0.3",
        "x²/20 + y²",
    ] {
        assert!(text.contains(label), "figure lacks {label}");
    }
    let png = dir.join("fig.png");
    let (ok, _, err) = descent(&[
        "figure",
        "optimizers",
        "--preset",
        "saddle",
        "--width",
        "600",
        "--height",
        "450",
        "--out",
        png.to_str().unwrap(),
    ]);
    if ok {
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 600);
    } else {
        // Only a machine without any TrueType font may refuse, and it must say why.
        assert!(err.contains("TrueType font"), "{err}");
    }
    let (ok, _, err) = descent(&["figure", "optimizers", "--out", "fig.gif"]);
    assert!(!ok && err.contains(".svg or .png"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn figure_animates_the_optimizers_as_an_animated_png() {
    let dir = std::env::temp_dir().join(format!("descent-anim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("anim.png");
    let (ok, out, err) = descent(&[
        "figure",
        "optimizers",
        "--animate",
        "--frames",
        "12",
        "--width",
        "400",
        "--height",
        "300",
        "--out",
        path.to_str().unwrap(),
    ]);
    if !ok {
        assert!(err.contains("TrueType font"), "{err}");
        return;
    }
    assert!(out.contains("12 frames"), "{out}");
    // The book's 29 steps in 12 evenly spaced frames, the first and last included.
    let reader = png::Decoder::new(std::io::Cursor::new(std::fs::read(&path).unwrap()))
        .read_info()
        .unwrap();
    let info = reader.info();
    assert_eq!((info.width, info.height), (400, 300));
    assert_eq!(info.animation_control.map(|a| a.num_frames), Some(12));
    let (ok, _, err) = descent(&["figure", "optimizers", "--animate", "--out", "a.svg"]);
    assert!(!ok && err.contains("animated PNG"), "{err}");
    let (ok, _, err) = descent(&[
        "figure",
        "optimizers",
        "--animate",
        "--frames",
        "1",
        "--out",
        "a.png",
    ]);
    assert!(
        !ok && err.contains("--frames must be a whole number from 2 to 1000"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn train_prints_a_line_per_evaluation_then_a_summary() {
    let (ok, out, err) = descent(&[
        "train",
        "--preset",
        "optimizer-compare",
        "--iterations",
        "20",
        "--eval-every",
        "10",
        "--hidden",
        "30,30",
    ]);
    assert!(ok, "{err}");
    // The assistant's remarks on each run are lines of their own.
    let (remarks, lines): (Vec<&str>, Vec<&str>) =
        out.lines().partition(|l| l.contains(r#""remark":"#));
    assert_eq!(lines.len(), 4 * 2 + 1, "{out}");
    assert!(
        remarks
            .iter()
            .any(|l| l.starts_with(r#"{"run":"SGD","remark":"Initial loss"#)
                && l.ends_with(r#","level":"good"}"#)),
        "{out}"
    );
    assert!(
        remarks.iter().any(|l| l.contains("Update/weight ratio")),
        "{out}"
    );
    assert!(
        lines[0].starts_with(r#"{"run":"SGD","iter":10,"epoch":"#),
        "{}",
        lines[0]
    );
    for key in ["train_loss", "train_acc", "test_acc"] {
        assert!(lines[0].contains(key));
    }
    assert!(!lines[0].contains("val_acc"), "absent fields are omitted");
    assert!(
        lines[8].starts_with(r#"{"summary":{"SGD":{"train_acc":"#),
        "{}",
        lines[8]
    );
    for run in ["Momentum", "AdaGrad", "Adam"] {
        assert!(lines[8].contains(run));
    }
    let (ok, _, err) = descent(&["train", "--lr", "-1"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "descent: The learning rate η must be from 1e-6 to 10, got -1."
    );
    let (ok, _, err) = descent(&["train", "--data", "/nonexistent"]);
    assert!(!ok && err.contains("cannot read"), "{err}");
}

#[test]
fn train_gives_both_modes_of_a_dropout_network_and_takes_the_new_settings() {
    let (ok, out, err) = descent(&[
        "train",
        "--preset",
        "dropout-forms",
        "--iterations",
        "30",
        "--eval-every",
        "30",
        "--hidden",
        "40,40",
        "--l1",
        "0.001",
        "--l2",
        "0.01",
        "--scaling",
        "feature",
    ]);
    assert!(ok, "{err}");
    let summary = out.lines().last().unwrap();
    // Each run's part of the summary: from its name to the next run's.
    let names = ["no dropout", "book's dropout 0.2", "inverted dropout 0.2"];
    let at: Vec<usize> = names
        .iter()
        .map(|n| summary.find(&format!(r#""{n}":"#)).unwrap())
        .collect();
    let parsed = |run: &str| -> &str {
        let i = names.iter().position(|n| *n == run).unwrap();
        &summary[at[i]..at.get(i + 1).copied().unwrap_or(summary.len())]
    };
    // No dropout: one mode. Dropout: eval mode and train mode, each with
    // accuracy and loss on the training and test digits.
    assert!(!parsed("no dropout").contains("train_mode"), "{summary}");
    for run in ["book's dropout 0.2", "inverted dropout 0.2"] {
        let p = parsed(run);
        for key in [
            r#""eval_mode":{"train_acc":"#,
            r#""train_mode":{"train_acc":"#,
            r#""test_loss":"#,
        ] {
            assert!(p.contains(key), "{run}: {key} in {p}");
        }
    }
    // Each evaluation line of a dropout run carries its train-mode scores.
    assert!(out
        .lines()
        .any(|l| l.contains(r#""run":"book's dropout 0.2""#) && l.contains(r#""train_mode":"#)));
    let (ok, _, err) = descent(&["train", "--dropout-style", "sideways"]);
    assert!(!ok && err.contains("sideways"), "{err}");
}

#[test]
fn train_reads_full_mnist_idx_files_plain_or_gzipped() {
    use descent::data::{idx, Digits};
    let dir = std::env::temp_dir().join(format!("descent-idx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let make = |n: usize, seed: u8| {
        let labels = (0..n).map(|i| (i % 10) as u8).collect();
        let pixels = (0..n * 784).map(|i| (i as u8).wrapping_mul(seed)).collect();
        Digits::new(28, 28, labels, pixels).unwrap()
    };
    let (train_i, train_l) = idx::write(&make(200, 3));
    let (test_i, test_l) = idx::write(&make(50, 5));
    std::fs::write(dir.join("train-images-idx3-ubyte"), train_i).unwrap();
    std::fs::write(dir.join("train-labels-idx1-ubyte"), train_l).unwrap();
    std::fs::write(dir.join("t10k-images-idx3-ubyte"), test_i).unwrap();
    std::fs::write(dir.join("t10k-labels-idx1-ubyte"), test_l).unwrap();
    // The test files as .gz only, as they are downloaded.
    for f in ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
        let status = Command::new("gzip")
            .arg("-n")
            .arg(dir.join(f))
            .status()
            .expect("gzip runs");
        assert!(status.success());
    }
    let d = dir.to_str().unwrap();
    let (ok, out, err) = descent(&[
        "train",
        "--data",
        d,
        "--iterations",
        "5",
        "--eval-every",
        "5",
        "--trials",
        "1",
        "--hidden",
        "20",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains(r#""summary""#));
    // A corrupt file is explained.
    std::fs::write(dir.join("train-labels-idx1-ubyte"), b"not an idx file").unwrap();
    let (ok, _, err) = descent(&["train", "--data", d, "--iterations", "5"]);
    assert!(!ok && err.contains("labels file"), "{err}");
    // Digits of another size are refused with their size and the size needed.
    let small = Digits::new(8, 8, vec![1; 30], vec![7; 30 * 64]).unwrap();
    let (small_i, small_l) = idx::write(&small);
    std::fs::write(dir.join("train-images-idx3-ubyte"), small_i).unwrap();
    std::fs::write(dir.join("train-labels-idx1-ubyte"), small_l).unwrap();
    let (ok, _, err) = descent(&["train", "--data", d, "--iterations", "5"]);
    assert!(
        !ok && err.contains("The training images are 8×8 pixels; Descent trains, draws and saves networks on MNIST's 28×28-pixel digits."),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn lang_ko_speaks_korean_and_other_languages_are_refused() {
    let (ok, _, err) = descent(&[
        "trajectory",
        "--lang",
        "ko",
        "--optimizer",
        "adam",
        "--lr",
        "-1",
    ]);
    assert!(!ok && err.contains("학습률 η은(는) 1e-6~10이어야"), "{err}");
    let (ok, _, err) = descent(&["trajectory", "--optimizer", "adam", "--lr", "-1"]);
    assert!(
        !ok && err.contains("learning rate η must be from 1e-6 to 10"),
        "{err}"
    );
    let (ok, _, err) = descent(&["trajectory", "--lang", "fr"]);
    assert!(!ok && err.contains("--lang must be en or ko"), "{err}");
    let dir = std::env::temp_dir().join(format!("descent-ko-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("init.svg");
    let (ok, _, err) = descent(&[
        "figure",
        "init",
        "--lang",
        "ko",
        "--out",
        svg.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(std::fs::read_to_string(&svg).unwrap().contains("1층"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn train_runs_transfer_learning_and_ensembles_with_their_own_settings() {
    let summary = |out: &str| -> String {
        out.lines()
            .last()
            .filter(|l| l.starts_with(r#"{"summary":"#))
            .unwrap_or_else(|| panic!("no summary in {out}"))
            .to_string()
    };
    // Pretraining, the reused network (two layers, one frozen) and the
    // baseline from scratch, on the scrambled task with 3 digits a class.
    let (ok, out, err) = descent(&[
        "train",
        "--preset",
        "transfer-learning",
        "--task",
        "different",
        "--per-class",
        "3",
        "--reuse",
        "2",
        "--freeze",
        "1",
        "--iterations",
        "30",
    ]);
    assert!(ok, "{err}");
    let s = summary(&out);
    for run in [
        "pretrained on digits 0–4",
        "pretrained: 2 layers, 1 frozen, a new head",
        "from scratch on the same 15 digits",
    ] {
        assert!(
            s.contains(&format!("\"{run}\":{{\"train_acc\"")),
            "{run}: {s}"
        );
    }
    // Every member, then the ensemble at each evaluation and in the summary.
    let (ok, out, err) = descent(&[
        "train",
        "--preset",
        "ensemble",
        "--members",
        "3",
        "--epochs",
        "2",
        "--eval-every",
        "10",
    ]);
    assert!(ok, "{err}");
    let s = summary(&out);
    for run in ["member 1", "member 2", "member 3", "ensemble of 3"] {
        assert!(s.contains(&format!("\"{run}\":{{")), "{run}: {s}");
    }
    assert!(s.contains("best_member_test_loss"), "{s}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(r#"{"run":"ensemble of 3","iter":10,"#)),
        "{out}"
    );
    // Snapshots and the moving average in the lines and the summary.
    let (ok, out, err) = descent(&["train", "--preset", "snapshot-ensemble", "--epochs", "5"]);
    assert!(ok, "{err}");
    let s = summary(&out);
    assert!(s.contains(r#""snapshots":{"count":5,"#), "{s}");
    assert!(s.contains(r#""ema":{"test_acc":"#), "{s}");
    // A choice out of range is refused with its sentence.
    let (ok, _, err) = descent(&["train", "--preset", "ensemble", "--members", "11"]);
    assert!(!ok && err.contains("networks in the ensemble"), "{err}");
}

#[test]
fn search_prints_a_line_per_trial_a_ranking_and_the_space_around_the_best() {
    let (ok, out, err) = descent(&[
        "search",
        "--space",
        "lr=log:1e-3:1e-1;beta1=one-minus-log:1e-3:1e-1;width=list:20,40",
        "--trials",
        "4",
        "--epochs",
        "1",
        "--seed",
        "3",
    ]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    for (k, line) in lines[..4].iter().enumerate() {
        assert!(
            line.starts_with(&format!(r#"{{"trial":{},"values":{{"lr":"#, k + 1)),
            "{line}"
        );
        assert!(
            line.contains(r#""beta1":0.9"#) && line.contains(r#""width":"#),
            "{line}"
        );
    }
    assert!(
        lines[4].starts_with(r#"{"space":"lr=log:0.001:0.1;beta1=one-minus-log:0.001:0.1;width=list:20,40","ranking":[{"trial":"#),
        "{}",
        lines[4]
    );
    assert!(
        lines.last().unwrap().starts_with(r#"{"narrowed":"lr=log:"#),
        "{out}"
    );
    let (ok, _, err) = descent(&["search", "--space", "speed=log:1:2"]);
    assert!(
        !ok && err
            .contains("a search can vary lr, l2, dropout, momentum, beta1, batch, width, depth"),
        "{err}"
    );
}

#[test]
fn landscape_prints_the_plane_the_grid_and_each_runs_path() {
    // The book's four optimizers, shortened to 200 updates on 2,000 digits;
    // a 7 × 7 grid on 200 digits, and a figure.
    let out_png = std::env::temp_dir().join("descent-landscape-test.png");
    let png = out_png.to_str().unwrap();
    let (ok, out, err) = descent(&[
        "landscape",
        "--iterations",
        "200",
        "--train-size",
        "2000",
        "--grid",
        "7",
        "--samples",
        "200",
        "--sharpness",
        "--json",
        "--out",
        png,
    ]);
    assert!(ok, "{err}");
    let report = out.lines().last().unwrap();
    let v: serde_like::Value = serde_like::parse(report);
    assert_eq!(v.get("directions").str(), "pca");
    assert_eq!(v.get("grid").get("n").num(), 7.0);
    let rows = v.get("grid").get("loss").arr();
    assert_eq!(rows.len(), 7);
    assert!(rows
        .iter()
        .all(|r| r.arr().len() == 7 && r.arr().iter().all(|x| x.num() > 0.0)));
    let e = v.get("explained").arr();
    assert!(e[0].num() >= e[1].num() && e[0].num() + e[1].num() <= 1.0 + 1e-9);
    let runs = v.get("runs").arr();
    assert_eq!(runs.len(), 4);
    // Every path starts where the others do (one seed, one start) and has a
    // point at the start and at every evaluation.
    let first = runs[0].get("path").arr()[0].clone();
    for r in runs {
        let path = r.get("path").arr();
        assert_eq!(path.len(), r.get("updates").arr().len());
        assert_eq!(path[0], first);
    }
    // Four lines from start to end and three between the runs' ends, 21 points each.
    let lines = v.get("lines").arr();
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0].get("loss").arr().len(), 21);
    assert!(std::fs::metadata(&out_png).unwrap().len() > 10_000);
    // Each run's sharpness: ηλ is η times λ; SGD and Momentum have a regime
    // and their bounds, the adaptive ones none; the quadratic model meets
    // the measured loss at the centre of its line.
    let sharp = v.get("sharpness").arr();
    assert_eq!(sharp.len(), 4);
    for s in sharp {
        let (lambda, lr) = (s.get("lambda").num(), s.get("lr").num());
        assert!(lambda > 0.0 && lambda >= s.get("lambda_min").num());
        assert!((s.get("eta_lambda").num() - lr * lambda).abs() < 1e-9 * lambda.max(1.0));
        let along = s.get("along");
        let (loss, model) = (along.get("loss").arr(), along.get("quadratic").arr());
        assert_eq!(loss.len(), 21);
        assert!((loss[10].num() - model[10].num()).abs() < 1e-9);
        assert!(!s.get("sentence").str().is_empty());
    }
    assert_eq!(sharp[0].get("bounds").arr()[1].num(), 2.0);
    assert!(!matches!(sharp[0].get("regime"), serde_like::Value::Null));
    assert!(matches!(sharp[2].get("regime"), serde_like::Value::Null));
    // A bad choice is a sentence.
    let (ok, _, err) = descent(&["landscape", "--directions", "sideways"]);
    assert!(
        !ok && err.contains("pca") && err.contains("random"),
        "{err}"
    );
}

/// Just enough JSON for reading the command line's reports in tests.
mod serde_like {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Null,
        Bool(bool),
        Num(f64),
        Str(String),
        Arr(Vec<Value>),
        Obj(Vec<(String, Value)>),
    }

    impl Value {
        pub fn get(&self, key: &str) -> &Value {
            match self {
                Value::Obj(pairs) => {
                    &pairs
                        .iter()
                        .find(|(k, _)| k == key)
                        .unwrap_or_else(|| panic!("no {key}"))
                        .1
                }
                _ => panic!("not an object"),
            }
        }
        pub fn arr(&self) -> &[Value] {
            match self {
                Value::Arr(v) => v,
                other => panic!("not an array: {other:?}"),
            }
        }
        pub fn num(&self) -> f64 {
            match self {
                Value::Num(x) => *x,
                other => panic!("not a number: {other:?}"),
            }
        }
        pub fn str(&self) -> &str {
            match self {
                Value::Str(s) => s,
                other => panic!("not a string: {other:?}"),
            }
        }
    }

    pub fn parse(text: &str) -> Value {
        let b = text.as_bytes();
        let mut i = 0;
        value(b, &mut i)
    }

    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    }

    fn value(b: &[u8], i: &mut usize) -> Value {
        ws(b, i);
        match b[*i] {
            b'{' => {
                *i += 1;
                let mut pairs = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b'}' {
                        *i += 1;
                        return Value::Obj(pairs);
                    }
                    let Value::Str(k) = value(b, i) else {
                        panic!("key")
                    };
                    ws(b, i);
                    *i += 1; // :
                    pairs.push((k, value(b, i)));
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
            }
            b'[' => {
                *i += 1;
                let mut items = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b']' {
                        *i += 1;
                        return Value::Arr(items);
                    }
                    items.push(value(b, i));
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
            }
            b'"' => {
                *i += 1;
                let start = *i;
                while b[*i] != b'"' {
                    *i += if b[*i] == b'\\' { 2 } else { 1 };
                }
                *i += 1;
                Value::Str(String::from_utf8_lossy(&b[start..*i - 1]).into_owned())
            }
            b'n' => {
                *i += 4;
                Value::Null
            }
            b't' => {
                *i += 4;
                Value::Bool(true)
            }
            b'f' => {
                *i += 5;
                Value::Bool(false)
            }
            _ => {
                let start = *i;
                while *i < b.len()
                    && matches!(b[*i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    *i += 1;
                }
                Value::Num(std::str::from_utf8(&b[start..*i]).unwrap().parse().unwrap())
            }
        }
    }
}
