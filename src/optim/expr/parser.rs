//! The recursive-descent parser of typed surfaces (grammar in the parent
//! module), with errors that name the position.

use super::{Node, FUNCS, MAX_DEPTH};
use crate::error::{Error, Result};

pub(super) struct Parser<'a> {
    pub(super) chars: &'a [char],
    pub(super) pos: usize,
    pub(super) depth: usize,
}

impl Parser<'_> {
    pub(super) fn error(&self, what: &str) -> Error {
        crate::error!(
            "{what} at position {} of the expression.",
            "식의 {}번째 글자: {what}.",
            self.pos + 1
        )
    }

    pub(super) fn skip_space(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn expr(&mut self) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("The expression is nested too deeply"));
        }
        let mut left = self.term()?;
        loop {
            if self.eat('+') {
                left = Node::Add(Box::new(left), Box::new(self.term()?));
            } else if self.eat('-') {
                left = Node::Sub(Box::new(left), Box::new(self.term()?));
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(left)
    }

    fn term(&mut self) -> Result<Node> {
        let mut left = self.unary()?;
        loop {
            match self.peek() {
                Some('*') if self.chars.get(self.pos + 1) != Some(&'*') => {
                    self.pos += 1;
                    left = Node::Mul(Box::new(left), Box::new(self.unary()?));
                }
                Some('/') => {
                    self.pos += 1;
                    left = Node::Div(Box::new(left), Box::new(self.unary()?));
                }
                // Implicit product: 2x, 3(x+1), x y, (x)(y).
                Some(c) if c.is_ascii_alphabetic() || c == '(' => {
                    left = Node::Mul(Box::new(left), Box::new(self.power()?));
                }
                _ => break,
            }
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("The expression is nested too deeply"));
        }
        let node = if self.eat('-') {
            Node::Neg(Box::new(self.unary()?))
        } else if self.eat('+') {
            self.unary()?
        } else {
            self.power()?
        };
        self.depth -= 1;
        Ok(node)
    }

    fn power(&mut self) -> Result<Node> {
        let base = self.atom()?;
        if self.eat('^') {
            return Ok(Node::Pow(Box::new(base), Box::new(self.unary()?)));
        }
        if self.peek() == Some('*') && self.chars.get(self.pos + 1) == Some(&'*') {
            self.pos += 2;
            return Ok(Node::Pow(Box::new(base), Box::new(self.unary()?)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Node> {
        let Some(c) = self.peek() else {
            return Err(self.error("The expression ends too early: a number, x, y or ( is missing"));
        };
        if c.is_ascii_digit() || c == '.' {
            let start = self.pos;
            while self.pos < self.chars.len()
                && (self.chars[self.pos].is_ascii_digit() || self.chars[self.pos] == '.')
            {
                self.pos += 1;
            }
            // An exponent: 1e-3, 2.5E4.
            if matches!(self.chars.get(self.pos), Some('e' | 'E'))
                && self.chars.get(self.pos + 1).is_some_and(|d| {
                    d.is_ascii_digit()
                        || ((*d == '-' || *d == '+')
                            && self
                                .chars
                                .get(self.pos + 2)
                                .is_some_and(char::is_ascii_digit))
                })
            {
                self.pos += 2;
                while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_digit() {
                    self.pos += 1;
                }
            }
            let text: String = self.chars[start..self.pos].iter().collect();
            return text.parse::<f64>().map(Node::Num).map_err(|_| {
                crate::error!(
                    "\"{text}\" at position {} is not a number.",
                    "{}번째 글자의 \"{text}\"는 숫자가 아닙니다.",
                    start + 1
                )
            });
        }
        if c.is_ascii_alphabetic() {
            let start = self.pos;
            while self.pos < self.chars.len() && self.chars[self.pos].is_ascii_alphanumeric() {
                self.pos += 1;
            }
            let name: String = self.chars[start..self.pos]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            return match name.as_str() {
                "x" => Ok(Node::X),
                "y" => Ok(Node::Y),
                "pi" => Ok(Node::Num(std::f64::consts::PI)),
                "e" => Ok(Node::Num(std::f64::consts::E)),
                _ => match FUNCS.iter().find(|(n, _)| *n == name) {
                    Some(&(_, f)) => {
                        if !self.eat('(') {
                            return Err(self.error(&crate::i18n::tr(format!("\"{name}\" needs its argument in parentheses, like {name}(x)"), format!("\"{name}\"의 인자는 {name}(x)처럼 괄호 안에 써야 합니다"))));
                        }
                        let arg = self.expr()?;
                        if !self.eat(')') {
                            return Err(self.error(crate::i18n::tr("A closing \")\" is missing", "닫는 \")\"가 없습니다")));
                        }
                        Ok(Node::Call(f, Box::new(arg)))
                    }
                    None => Err(crate::error!(
                        "Unknown name \"{name}\" at position {} of the expression: use x, y, pi, e and the functions {}.",
                        "식의 {}번째 글자에 알 수 없는 이름 \"{name}\"이 있습니다. x, y, pi, e와 함수 {}를 쓰세요.",
                        start + 1,
                        FUNCS.map(|(n, _)| n).join(", ")
                    )),
                },
            };
        }
        if self.eat('(') {
            let inner = self.expr()?;
            if !self.eat(')') {
                return Err(self.error(crate::i18n::tr(
                    "A closing \")\" is missing",
                    "닫는 \")\"가 없습니다",
                )));
            }
            return Ok(inner);
        }
        Err(self.error(&format!("Unexpected \"{c}\"")))
    }
}
