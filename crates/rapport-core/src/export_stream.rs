//! Reads a Rapport export as a stream, for `Vault::import_all_from`: each row is checked
//! (`export_rows.rs`) and written as soon as it is read, so no tree of the whole file is ever
//! built (a JSON tree is several times the size of its text). The header (`format`, `version`,
//! `schema`) must come before `tables`, as `export_all` writes it; tables come in the order
//! `export_all` writes them, parents before the rows that refer to them.
//!
//! Errors are said without quoting the file: serde's own messages can quote a value, so only our
//! messages and the line and column of a malformed part reach the person.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use rusqlite::Connection;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};

use crate::error::{Error, InputError, Result};
use crate::export_rows::{self, Column};

/// What the header must say, checked before any table is read.
pub(crate) struct Header {
    pub format: &'static str,
    pub version: u64,
    pub schemas: std::ops::RangeInclusive<i64>,
}

/// Where a read export goes: the import's transaction, the tables it may write, and the first
/// failure of ours (kept aside: serde only carries text).
pub(crate) struct Import<'a> {
    pub conn: &'a Connection,
    pub tables: &'a [&'static str],
    pub header: Header,
    failure: RefCell<Option<Error>>,
    counts: RefCell<BTreeMap<String, u64>>,
}

fn refuse(reason: impl Into<String>) -> Error {
    InputError::new("export file", reason.into()).into()
}

impl<'a> Import<'a> {
    pub fn new(conn: &'a Connection, tables: &'a [&'static str], header: Header) -> Import<'a> {
        Import {
            conn,
            tables,
            header,
            failure: RefCell::new(None),
            counts: RefCell::new(BTreeMap::new()),
        }
    }

    /// Reads the whole export from `reader` and writes its rows; the rows written per table.
    pub fn run(self, reader: impl std::io::Read) -> Result<BTreeMap<String, u64>> {
        let mut json = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
        let read = ExportSeed(&self)
            .deserialize(&mut json)
            .and_then(|()| json.end());
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        read.map_err(|e| match e.classify() {
            serde_json::error::Category::Io => Error::io("could not read the export", e.into()),
            serde_json::error::Category::Eof => refuse("it is cut short"),
            serde_json::error::Category::Syntax => refuse(format!(
                "it is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            )),
            serde_json::error::Category::Data => refuse(format!(
                "a value has the wrong shape (line {}, column {})",
                e.line(),
                e.column()
            )),
        })?;
        Ok(self.counts.into_inner())
    }

    /// Keeps `error` as the import's failure and gives serde something to stop with.
    fn fail<E: de::Error>(&self, error: Error) -> E {
        let mut slot = self.failure.borrow_mut();
        if slot.is_none() {
            *slot = Some(error);
        }
        E::custom("the import stopped")
    }
}

struct ExportSeed<'i, 'a>(&'i Import<'a>);

impl<'de> DeserializeSeed<'de> for ExportSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ExportSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Rapport export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let import = self.0;
        let (mut format, mut version, mut schema) = (None, None, None);
        let mut tables_seen = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value::<Json>()?),
                "version" => version = Some(map.next_value::<Json>()?),
                "schema" => schema = Some(map.next_value::<Json>()?),
                "tables" => {
                    let header = &import.header;
                    if format.is_none() || version.is_none() || schema.is_none() {
                        return Err(import.fail(refuse(
                            "its header (format, version, schema) must come before its tables",
                        )));
                    }
                    if format.as_ref().and_then(Json::as_str) != Some(header.format) {
                        return Err(import.fail(refuse("not a Rapport export")));
                    }
                    if version.as_ref().and_then(Json::as_u64) != Some(header.version) {
                        return Err(
                            import.fail(refuse("made by a newer Rapport; upgrade to import it"))
                        );
                    }
                    let schema = schema.as_ref().and_then(Json::as_i64).unwrap_or(0);
                    if !header.schemas.contains(&schema) {
                        return Err(import.fail(refuse(
                            "its schema differs from this build's; import it with the Rapport that made it",
                        )));
                    }
                    map.next_value_seed(TablesSeed(import))?;
                    tables_seen = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !tables_seen {
            let reason = if format.is_none() {
                "not a Rapport export"
            } else {
                "no tables"
            };
            return Err(import.fail(refuse(reason)));
        }
        Ok(())
    }
}

struct TablesSeed<'i, 'a>(&'i Import<'a>);

impl<'de> DeserializeSeed<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the export's tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let import = self.0;
        let mut next = 0;
        while let Some(name) = map.next_key::<String>()? {
            // Known tables only, each once, in the order they are written (parents first).
            let Some(position) = import.tables.iter().position(|t| *t == name) else {
                return Err(import.fail(refuse("it has a table this vault does not know")));
            };
            if position < next {
                return Err(import.fail(refuse(
                    "its tables are out of order (each must come after the tables it refers to)",
                )));
            }
            next = position + 1;
            let table = import.tables[position];
            let declared = export_rows::columns(import.conn, table).map_err(|e| import.fail(e))?;
            let written = map.next_value_seed(RowsSeed {
                import,
                table,
                declared: &declared,
            })?;
            import.counts.borrow_mut().insert(table.to_owned(), written);
        }
        Ok(())
    }
}

struct RowsSeed<'i, 'a, 'c> {
    import: &'i Import<'a>,
    table: &'static str,
    declared: &'c [Column],
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_, '_> {
    type Value = u64;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_, '_> {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<u64, S::Error> {
        let mut index = 0;
        while let Some(row) = seq.next_element::<Map<String, Json>>()? {
            export_rows::write_row(self.import.conn, self.table, index, &row, self.declared)
                .map_err(|e| self.import.fail(e))?;
            index += 1;
        }
        Ok(index as u64)
    }
}
