//! Colour arithmetic for the rating scale: WCAG contrast and the CIEDE2000 colour difference.

/// An sRGB colour read from `#rrggbb`, the form the ratings table keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Srgb([u8; 3]);

/// The text colour every rating badge and graphic uses on its rating's colour.
pub const RATING_TEXT: Srgb = Srgb([0xff, 0xff, 0xff]);

/// WCAG 2.x AA for normal text.
pub const AA_CONTRAST: f64 = 4.5;

impl Srgb {
    pub fn parse(hex: &str) -> Option<Srgb> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Srgb([channel(0)?, channel(2)?, channel(4)?]))
    }

    fn linear(self) -> [f64; 3] {
        self.0.map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let [r, g, b] = self.linear();
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// CIELAB under D65, the space CIEDE2000 is defined on.
    pub fn lab(self) -> Lab {
        let [r, g, b] = self.linear();
        let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
        let z = (0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 216.0 / 24_389.0 {
                t.cbrt()
            } else {
                (24_389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }
}

/// WCAG contrast ratio, 1 to 21.
pub fn contrast(one: Srgb, other: Srgb) -> f64 {
    let (a, b) = (one.luminance(), other.luminance());
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, with kL = kC = kH = 1):
/// about 1 is the smallest difference people notice side by side; 10 and more reads as
/// another colour at a glance.
pub fn ciede2000(one: Lab, other: Lab) -> f64 {
    let c_bar = (one.a.hypot(one.b) + other.a.hypot(other.b)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let prime = |lab: Lab| {
        let a = (1.0 + g) * lab.a;
        let c = a.hypot(lab.b);
        let h = if c == 0.0 {
            0.0
        } else {
            lab.b.atan2(a).to_degrees().rem_euclid(360.0)
        };
        (c, h)
    };
    let ((c1, h1), (c2, h2)) = (prime(one), prime(other));
    let delta_l = other.l - one.l;
    let delta_c = c2 - c1;
    let delta_h_angle = if c1 * c2 == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let delta_h = 2.0 * (c1 * c2).sqrt() * (delta_h_angle / 2.0).to_radians().sin();
    let l_bar = (one.l + other.l) / 2.0;
    let c_bar_prime = (c1 + c2) / 2.0;
    let h_bar = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |degrees: f64| degrees.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let delta_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (c_bar_prime.powi(7) / (c_bar_prime.powi(7) + 25f64.powi(7))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar_prime;
    let s_h = 1.0 + 0.015 * c_bar_prime * t;
    let r_t = -(2.0 * delta_theta).to_radians().sin() * r_c;
    let (dl, dc, dh) = (delta_l / s_l, delta_c / s_c, delta_h / s_h);
    (dl * dl + dc * dc + dh * dh + r_t * dc * dh).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    #[test]
    fn ciede2000_agrees_with_the_published_test_pairs() {
        // From Sharma, Wu and Dalal's table of test data (pairs 1, 7, 17, 25 and 34).
        let pairs = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                lab(22.7233, 20.0904, -46.6940),
                lab(23.0331, 14.9730, -42.5619),
                2.0373,
            ),
        ];
        for (one, other, expected) in pairs {
            let found = ciede2000(one, other);
            assert!(
                (found - expected).abs() < 1e-4,
                "{one:?} / {other:?}: {found}, not {expected}"
            );
            assert!((ciede2000(other, one) - expected).abs() < 1e-4, "symmetric");
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Srgb::parse("#000000").expect("black");
        assert!((contrast(black, RATING_TEXT) - 21.0).abs() < 1e-9);
        let grey = Srgb::parse("#767676").expect("grey");
        // #767676 is the lightest grey that passes AA on white.
        assert!(contrast(grey, RATING_TEXT) >= AA_CONTRAST);
        assert!(contrast(Srgb::parse("#777777").expect("grey"), RATING_TEXT) < AA_CONTRAST);
    }
}
