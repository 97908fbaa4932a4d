//! The agenda template verbs: `template list`, `add`, `duplicate`, `edit` and `default`.

use chrono::{DateTime, Utc};
use rapport_core::templates::TemplateSection;
use rapport_core::{Relationship, Vault};

use crate::args::TemplateCommand;
use crate::output::Output;
use crate::{render, Failure};

/// "Title: guiding question" → a section.
fn sections(specs: &[String]) -> Vec<TemplateSection> {
    specs
        .iter()
        .map(|spec| match spec.split_once(':') {
            Some((title, prompt)) => TemplateSection {
                title: title.trim().to_owned(),
                prompt: prompt.trim().to_owned(),
            },
            None => TemplateSection {
                title: spec.trim().to_owned(),
                prompt: String::new(),
            },
        })
        .collect()
}

pub(crate) fn run_template(
    vault: &mut Vault,
    command: TemplateCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        TemplateCommand::List => {
            let templates = vault.templates()?;
            out.print(&serde_json::json!({ "templates": templates }), |w| {
                for t in &templates {
                    let kind = if t.builtin { "  (built in)" } else { "" };
                    writeln!(w, "{}{kind}", t.name)?;
                }
                Ok(())
            })
        }
        TemplateCommand::Show { name } => {
            let template = vault.template(vault.find_template(&name)?)?;
            out.print(&template, |w| render::template(w, &template))
        }
        TemplateCommand::Add {
            name,
            sections: specs,
        } => {
            let template = vault.add_template(&name, &sections(&specs), now)?;
            out.print(&template, |w| {
                writeln!(w, "Added template {}.", template.name)
            })
        }
        TemplateCommand::Duplicate { name, new_name } => {
            let source = vault.find_template(&name)?;
            let template = vault.duplicate_template(source, &new_name, now)?;
            out.print(&template, |w| {
                writeln!(w, "Added template {}.", template.name)
            })
        }
        TemplateCommand::Edit {
            name,
            sections: specs,
        } => {
            let id = vault.find_template(&name)?;
            let current = vault.template(id)?;
            let template = vault.update_template(id, &current.name, &sections(&specs), now)?;
            out.print(&template, |w| {
                writeln!(w, "Updated template {}.", template.name)
            })
        }
        TemplateCommand::Default { relationship, name } => {
            let relationship = relationship.parse::<Relationship>()?;
            let id = vault.find_template(&name)?;
            vault.set_default_template(relationship, id)?;
            out.print(
                &serde_json::json!({ "relationship": relationship, "template": id }),
                |w| {
                    writeln!(
                        w,
                        "New meetings with a {relationship} start from that template."
                    )
                },
            )
        }
    }
}
