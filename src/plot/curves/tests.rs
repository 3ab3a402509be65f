//! The training curves' tests: smoothing, readouts, both charts, and what
//! many runs draw.
use super::*;

#[test]
fn readout_at_an_update() {
    let losses = [2.0, 2.0, 2.0, 2.0];
    let evals = [(2.0, 0.5, None, 0.4), (4.0, 0.7, Some(0.6), 0.62)];
    let run = RunCurve {
        label: "SGD",
        index: 0,
        losses: &losses,
        evals: &evals,
        best: None,
        test_losses: &[],
    };
    assert_eq!(
        readout(&[run], 3.0),
        vec!["SGD: loss 2.0000, at update 2: train 50.0%, test 40.0%".to_string()]
    );
}

#[test]
fn smoothing_is_debiased() {
    // A constant series stays constant from the first point on.
    assert!(smooth(&[2.0; 5], 0.9)
        .iter()
        .all(|v| (v - 2.0).abs() < 1e-12));
    let s = smooth(&[0.0, 10.0], 0.5);
    // avg₂ = 0.5·(0.5·0) + 0.5·10 = 5, debiased by 1 − 0.5² = 0.75.
    assert!((s[1] - 5.0 / 0.75).abs() < 1e-12 && s[0] == 0.0);
}

#[test]
fn a_derived_score_draws_its_test_loss_and_no_training_accuracy() {
    let evals = [(2.0, f64::NAN, None, 0.5), (4.0, f64::NAN, None, 0.7)];
    let test = [(2.0, 1.25), (4.0, 0.75)];
    let run = RunCurve {
        label: "ensemble of 5",
        index: 5,
        losses: &[],
        evals: &evals,
        best: None,
        test_losses: &test,
    };
    assert_eq!(
        readout(std::slice::from_ref(&run), 4.0),
        ["ensemble of 5: not started, at update 4, test 70.0%, test loss 0.7500"]
    );
    let mut svg = String::new();
    {
        let area = crate::plot::measured::svg(&mut svg, (800, 600));
        let (a, b) = area.split_vertically(300);
        draw_loss(&a, std::slice::from_ref(&run), 4, &Style::default()).unwrap();
        // Fitted: 0.05 steps below the lowest accuracy less 0.02.
        assert!((fitted_floor(std::slice::from_ref(&run)) - 0.45).abs() < 1e-9);
        draw_accuracy(&b, &[run], 4, true, &Style::default()).unwrap();
        area.present().unwrap();
    }
    assert!(svg.contains("dots: test loss"), "{svg}");
    // Two dots of test loss; no NaN coordinates anywhere.
    assert_eq!(svg.matches("<circle").count(), 2);
    assert!(!svg.contains("NaN"));
}

#[test]
fn many_runs_draw_the_best_by_validation_and_those_training() {
    // 25 runs over 10 updates: run i ends at update 10 with validation
    // accuracy i/100, except runs 3 and 7, still at update 5, and run
    // 20, which has training accuracy only (0.99, not validation).
    let evals: Vec<Vec<EvalPoint>> = (0..25)
        .map(|i| {
            let v = i as f64 / 100.0;
            let at = if i == 3 || i == 7 { 5.0 } else { 10.0 };
            let val = (i != 20).then_some(v);
            vec![(at, if i == 20 { 0.99 } else { 0.5 }, val, f64::NAN)]
        })
        .collect();
    let names: Vec<String> = (0..25).map(|i| format!("trial {i}")).collect();
    let curves: Vec<RunCurve<'_>> = evals
        .iter()
        .enumerate()
        .map(|(i, e)| RunCurve {
            label: &names[i],
            index: i,
            losses: &[],
            evals: e,
            best: None,
            test_losses: &[],
        })
        .collect();
    // The best ten: 20 (0.99 training), then 24, 23, 22, 21, 19, 18, 17,
    // 16, 15; and 3 and 7, still training.
    assert_eq!(
        shown(&curves, 10),
        vec![3, 7, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]
    );
    assert_eq!(shown(&curves[..MANY], 10), (0..MANY).collect::<Vec<_>>());
    let mut svg = String::new();
    {
        let area = crate::plot::measured::svg(&mut svg, (800, 300));
        draw_accuracy(&area, &curves, 10, false, &Style::default()).unwrap();
        area.present().unwrap();
    }
    assert!(
        svg.contains("the best 10 of 25 runs and those training"),
        "{svg}"
    );
    // The legend names the runs drawn (as many as fit), no others.
    assert!(
        svg.contains("\ntrial 3\n") && svg.contains("\ntrial 15\n"),
        "{svg}"
    );
    assert!(!svg.contains("\ntrial 0\n") && !svg.contains("\ntrial 14\n"));
}

#[test]
fn draws_both_charts() {
    let losses = [2.3, 2.0, 1.5, 1.2];
    let evals = [(2.0, 0.5, Some(0.45), 0.4), (4.0, 0.7, Some(0.6), 0.62)];
    let run = RunCurve {
        label: "SGD",
        index: 0,
        losses: &losses,
        evals: &evals,
        best: Some(1),
        test_losses: &[],
    };
    let mut svg = String::new();
    {
        let area = crate::plot::measured::svg(&mut svg, (800, 600));
        let (a, b) = area.split_vertically(300);
        let (left, right) = draw_loss(&a, &[run], 4, &Style::default()).unwrap();
        assert!(left > 0 && right > left && right < 800);
        let run = RunCurve {
            label: "SGD",
            index: 0,
            losses: &losses,
            evals: &evals,
            best: Some(1),
            test_losses: &[],
        };
        draw_accuracy(&b, &[run], 4, false, &Style::default()).unwrap();
        area.present().unwrap();
    }
    assert!(svg.contains("Training loss") && svg.contains("Accuracy") && svg.contains("SGD"));
    assert!(
        svg.contains("<circle"),
        "the best validation point is marked"
    );
}
