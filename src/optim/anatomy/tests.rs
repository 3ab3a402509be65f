//! The update taken apart, checked against the step taken and by hand.

use super::*;
use crate::optim::trajectory::run;
use crate::schedule::Schedule;

fn setting(start: [f64; 2], steps: usize, noise: f64) -> Setting {
    Setting {
        start,
        steps,
        schedule: Schedule::Constant,
        noise,
        seed: 3,
    }
}

fn close(a: [f64; 2], b: [f64; 2]) -> bool {
    let scale = 1.0 + a[0].abs().max(a[1].abs());
    (a[0] - b[0]).abs() < 1e-12 * scale && (a[1] - b[1]).abs() < 1e-12 * scale
}

fn find(a: &Anatomy, term: Term) -> &Arrow {
    a.arrows
        .iter()
        .find(|x| x.term == term)
        .unwrap_or_else(|| panic!("{:?} has no {term:?}", a.kind))
}

#[test]
fn the_step_drawn_is_the_step_taken_and_the_parts_add_up_to_it() {
    // For every optimizer, on the bowl and on Rosenbrock, with and
    // without gradient noise: the step arrow goes from the path's point
    // k − 1 to its point k, and the terms make the step by the rule.
    for kind in Kind::ALL {
        for (surface, start) in [
            (Surface::Bowl, [-7.0, 2.0]),
            (Surface::Rosenbrock, [-1.2, 1.0]),
        ] {
            for noise in [0.0, 0.3] {
                let spec = RunSpec::book(kind);
                let s = setting(start, 12, noise);
                let t = run(&surface, &spec, &s);
                for k in 1..t.points.len() {
                    let a = take_apart(&surface, &spec, &s, k).expect("an update of the path");
                    let step = a.arrows.last().expect("a step");
                    assert_eq!(step.term, Term::Step);
                    assert_eq!(
                        (step.from, step.to),
                        (t.points[k - 1], t.points[k]),
                        "{kind:?} {k}"
                    );
                    let d = step.vector();
                    let lr = t.lrs[k - 1];
                    match kind {
                        Kind::Momentum | Kind::Nesterov => {
                            // Velocity then gradient, head to tail, end where the step ends.
                            let v = find(&a, Term::Velocity);
                            let g = find(&a, Term::Gradient);
                            assert_eq!((v.from, g.from), (a.at, v.to));
                            assert!(
                                close(g.to, step.to),
                                "{kind:?} {k}: {:?} vs {:?}",
                                g.to,
                                step.to
                            );
                        }
                        Kind::AdaGrad | Kind::RmsProp | Kind::AdaDelta => {
                            let (g, s) = (find(&a, Term::Gradient).vector(), a.scale.unwrap());
                            assert!(close([g[0] * s[0], g[1] * s[1]], d), "{kind:?} {k}");
                        }
                        Kind::Adam => {
                            let (m, s, b) = (
                                find(&a, Term::Velocity).vector(),
                                a.scale.unwrap(),
                                a.bias.unwrap(),
                            );
                            assert!(close([b * m[0] * s[0], b * m[1] * s[1]], d), "{kind:?} {k}");
                        }
                        Kind::Bfgs | Kind::Lbfgs => {
                            let dir = find(&a, Term::Before).vector();
                            assert!(close(times(a.length.unwrap(), dir), d), "{kind:?} {k}");
                        }
                        // SGD's step is its gradient term, Newton's is H's; checked below.
                        Kind::Sgd | Kind::Newton => {}
                    }
                    if noise == 0.0 && !matches!(kind, Kind::Bfgs | Kind::Lbfgs) {
                        // The gradient arrow is −η∇f (Nesterov: −(1 + α)η∇f) of the surface at the point.
                        let grad = surface.local(a.at[0], a.at[1]).grad;
                        let k_lr = if kind == Kind::Nesterov {
                            lr * (1.0 + spec.hyper.get(Param::Momentum))
                        } else {
                            lr
                        };
                        let want = times(-k_lr, grad);
                        let arrow = a
                            .arrows
                            .iter()
                            .find(|x| x.term == Term::Gradient)
                            .map_or(d, Arrow::vector);
                        assert!(close(arrow, want), "{kind:?} {k}: {arrow:?} vs {want:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn adams_first_step_on_the_bowl_worked_by_hand() {
    // From (−7, 2): g = (x/10, 2y) = (−0.7, 4); m = 0.1g; v = 0.001g²;
    // the factor is √(1 − 0.999)/(1 − 0.9) = √0.001/0.1 ≈ 0.316; the scale
    // 1/(√v + ε) ≈ 1/(√0.001|g|), so m⊙s ≈ 0.1/√0.001·sign(g) = 3.16·sign(g)
    // and the step is −η·0.316·3.16·sign(g) = η·(1, −1): (0.3, −0.3) at η = 0.3.
    let spec = RunSpec::with_lr(Kind::Adam, 0.3);
    let a = take_apart(&Surface::Bowl, &spec, &setting([-7.0, 2.0], 5, 0.0), 1).unwrap();
    let bias = a.bias.unwrap();
    assert!((bias - 0.001_f64.sqrt() / 0.1).abs() < 1e-12);
    let s = a.scale.unwrap();
    assert!((s[0] - 1.0 / (0.7 * 0.001_f64.sqrt() + 1e-7)).abs() < 1e-9);
    let d = find(&a, Term::Step).vector();
    assert!(
        (d[0] - 0.3).abs() < 1e-5 && (d[1] + 0.3).abs() < 1e-5,
        "{d:?}"
    );
    // Before the factor the step is 1/0.316 ≈ 3.16 times longer.
    let before = find(&a, Term::Before).vector();
    assert!((before[0] / d[0] - 10f64.sqrt()).abs() < 1e-9);
}

#[test]
fn momentums_second_step_worked_by_hand() {
    // η 0.1, α 0.9 from (−7, 2): v₁ = −0.1·(−0.7, 4) = (0.07, −0.4), W₁ = (−6.93, 1.6);
    // g₂ = (−0.693, 3.2): αv = (0.063, −0.36), −ηg = (0.0693, −0.32),
    // Δw = (0.1323, −0.68).
    let spec = RunSpec::with_lr(Kind::Momentum, 0.1);
    let a = take_apart(&Surface::Bowl, &spec, &setting([-7.0, 2.0], 5, 0.0), 2).unwrap();
    assert!(close(find(&a, Term::Velocity).vector(), [0.063, -0.36]));
    assert!(close(find(&a, Term::Gradient).vector(), [0.0693, -0.32]));
    assert!(close(find(&a, Term::Step).vector(), [0.1323, -0.68]));
    // Nesterov's ball sits αv behind the recorded point.
    let spec = RunSpec::with_lr(Kind::Nesterov, 0.1);
    let a = take_apart(&Surface::Bowl, &spec, &setting([-7.0, 2.0], 5, 0.0), 2).unwrap();
    let look = find(&a, Term::LookAhead);
    assert_eq!(look.to, a.at);
    assert!(close(look.vector(), [0.9 * 0.07, 0.9 * -0.4]));
}

#[test]
fn no_update_to_take_apart() {
    let spec = RunSpec::with_lr(Kind::Sgd, 1.5);
    let s = setting([0.0, 2.0], 100, 0.0);
    // It diverges at update 19 (see trajectory's test).
    assert!(take_apart(&Surface::Bowl, &spec, &s, 18).is_some());
    assert!(take_apart(&Surface::Bowl, &spec, &s, 19).is_none());
    assert!(take_apart(&Surface::Bowl, &spec, &s, 0).is_none());
    assert!(take_apart(&Surface::Bowl, &spec, &s, 101).is_none());
}
