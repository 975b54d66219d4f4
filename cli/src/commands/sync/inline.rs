//! Small changes in one short program, without the streaming receiver.
//!
//! The receiver of [`super::device`] is about 2 KB of code: at 115200 baud sending it costs
//! ~175 ms, more than a typical save in `--watch` has to move (one module of a few hundred
//! bytes). Changes up to [`INLINE_LIMIT`] bytes therefore travel as bytes literals inside one
//! program that does what the receiver would: folders made, files removed, each file written
//! under the temporary name, read back and checked against the host's SHA-256 (where the
//! board has `hashlib`; a failed write removes it), then renamed; `+` after each record, `!` and the reason on the first
//! failure, which stops the rest. The board's answers are the receiver's, so reporting is
//! shared.

use std::fmt::Write as _;
use std::time::Duration;

use upy_protocol::fs::{py_bytes, py_str};

use super::device::{refusal, Record, TransferError, TransferProgress};
use super::link::{Link, LinkError};
use super::plan::TEMP_SUFFIX;

/// Most file bytes a plan may carry to go inline.
pub const INLINE_LIMIT: usize = 1536;
/// Most records a plan may have to go inline.
const INLINE_RECORDS: usize = 24;

const PROGRAM: &str = r#"import os
try:from hashlib import sha256 as H
except:H=0
C=os.getcwd();os.chdir('/')
for k,a,d,x in R:
 try:
  if k=='d':
   try:os.mkdir(a)
   except OSError as e:
    if e.args[0]!=17:raise
  elif k=='r':os.remove(a)
  elif k=='R':os.rmdir(a)
  else:
   t=(a+T).lstrip('/');q=a.lstrip('/')
   try:
    with open(t,'wb')as f:f.write(d)
    if H:
     with open(t,'rb')as f:
      if H(f.read()).digest()!=x:raise OSError('hash mismatch after writing')
   except:
    try:os.remove(t)
    except OSError:pass
    raise
   try:os.rename(t,q)
   except OSError as e:
    if e.args[0]!=17:raise
    os.remove(q);os.rename(t,q)
  print('+',end='')
 except Exception as e:
  print('!%s %s: %r'%(k,a,e));break
os.chdir(C)
"#;

/// The program for `records`, or None when they are too many or too large to go inline.
pub fn program(records: &[Record<'_>]) -> Option<String> {
    let bytes: usize = records
        .iter()
        .map(|record| match record {
            Record::Put { data, .. } => data.len(),
            _ => 0,
        })
        .sum();
    if records.is_empty() || records.len() > INLINE_RECORDS || bytes > INLINE_LIMIT {
        return None;
    }
    let mut code = format!("T={}\nR=(", py_str(TEMP_SUFFIX));
    for record in records {
        let _ = match record {
            Record::MakeDir(path) => write!(code, "('d',{},0,0),", py_str(path)),
            Record::RemoveFile(path) => write!(code, "('r',{},0,0),", py_str(path)),
            Record::RemoveDir(path) => write!(code, "('R',{},0,0),", py_str(path)),
            Record::Put { path, data, sha256 } => write!(
                code,
                "('f',{},{},{}),",
                py_str(path),
                py_bytes(data),
                py_bytes(sha256)
            ),
        };
    }
    code.push_str(")\n");
    code.push_str(PROGRAM);
    Some(code)
}

/// Runs `code` (from [`program`]) for `records`; returns how many finished, as
/// [`super::device::transfer`] does.
pub fn transfer(
    link: &mut Link,
    records: &[Record<'_>],
    code: &str,
    progress: &mut dyn TransferProgress,
) -> Result<usize, (usize, TransferError)> {
    progress.on_start(code.len() as u64);
    let output = link
        .exec(code.as_bytes(), Duration::from_secs(30))
        .map_err(|err| match err {
            LinkError::Exception { traceback } => (0, TransferError::ReceiverFailed(traceback)),
            other => (0, TransferError::Link(other)),
        })?;
    progress.on_bytes(code.len() as u64);
    let text = String::from_utf8_lossy(&output.stdout);
    let done = text.bytes().take_while(|&b| b == b'+').count();
    for index in 0..done {
        progress.on_record_done(index);
    }
    match text[done..].strip_prefix('!') {
        Some(line) => Err((done, refusal(line.trim_end(), records, done))),
        None => Ok(done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put<'a>(path: &str, data: &'a [u8]) -> Record<'a> {
        Record::Put {
            path: path.to_string(),
            data,
            sha256: [0xab; 32],
        }
    }

    #[test]
    fn small_plans_go_inline_and_large_ones_do_not() {
        let small = [Record::MakeDir("/lib".into()), put("/lib/a.py", b"x = 1\n")];
        let code = program(&small).expect("inline");
        assert!(code.contains("('d','/lib',0,0),('f','/lib/a.py',b'x = 1\\n',b'\\xab\\xab"));
        assert!(upy_protocol::raw_repl::is_sendable_code(code.as_bytes()));
        let big = vec![0u8; INLINE_LIMIT + 1];
        assert!(program(&[put("/big.bin", &big)]).is_none());
        assert!(program(&[]).is_none());
    }

    #[test]
    fn control_bytes_in_files_stay_out_of_the_code() {
        let data: Vec<u8> = (0..=255).collect();
        let code = program(&[put("/all.bin", &data)]).expect("inline");
        assert!(upy_protocol::raw_repl::is_sendable_code(code.as_bytes()));
    }
}
