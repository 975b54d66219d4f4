//! MicroPython's float repr (py/formatfloat.c as built with x87 long double).

/// The text MicroPython prints for `repr(value)`.
pub fn repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    format!("{value:?}")
}
