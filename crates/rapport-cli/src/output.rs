//! How a verb prints its result: the human form, or `--json` (shapes in docs/cli-json.md).

use std::io::Write;

use serde::Serialize;

use crate::Failure;

/// How results are printed.
#[derive(Clone, Copy)]
pub(crate) struct Output {
    pub(crate) json: bool,
}

impl Output {
    pub(crate) fn is_json(self) -> bool {
        self.json
    }

    pub(crate) fn print<T: Serialize>(
        self,
        value: &T,
        human: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        let mut stdout = std::io::stdout().lock();
        if self.json {
            let text =
                serde_json::to_string_pretty(value).map_err(|e| Failure::Usage(e.to_string()))?;
            writeln!(stdout, "{text}")?;
        } else {
            human(&mut stdout)?;
        }
        stdout.flush()?;
        Ok(())
    }
}
