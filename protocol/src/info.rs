//! [`Session::info`]: the board's facts ([`crate::facts`]), probed once per reset.

use crate::error::Result;
use crate::facts::{DeviceInfo, INFO_SNIPPET};
use crate::session::Session;

impl Session {
    /// Asks the board about itself (cached until the next reset).
    pub fn info(&mut self) -> Result<DeviceInfo> {
        if let Some(info) = &self.cached_info {
            return Ok(info.clone());
        }
        let output = self.exec_capture(INFO_SNIPPET)?;
        let info = DeviceInfo::parse(&output);
        self.cached_info = Some(info.clone());
        Ok(info)
    }

    /// Asks again, bypassing the cache (free memory and space change).
    pub fn refresh_info(&mut self) -> Result<DeviceInfo> {
        self.cached_info = None;
        self.info()
    }
}
