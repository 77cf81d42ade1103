//! `article-render`: an article document in, the widget's embed markup with
//! the article inside out (`shared/spec/prerender.md`). The markup comes from
//! the widget's own components, rendered natively (Leptos `ssr`).

use std::io::{Read, Write};
use std::process::ExitCode;

use widget::prerender::{render_embed, EmbedMode, EmbedOptions};
use widget::WidgetOptions;

const USAGE: &str =
    "usage: article-render --src URL [--widget-base URL] [--mode placeholder|element]
                      [--sections expanded|collapsed] [--theme light|dark|auto] [--lang LANG]
                      [--item ID] [--poll-endpoint URL] FILE|-";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (options, file) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("article-render: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut document = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut document).map(|_| ())
    } else {
        std::fs::read(&file).map(|bytes| {
            // As the browser's `Response.text()`: invalid UTF-8 becomes U+FFFD.
            document = String::from_utf8_lossy(&bytes).into_owned();
        })
    };
    if let Err(error) = read {
        eprintln!("article-render: cannot read {file}: {error}");
        return ExitCode::from(2);
    }
    match render_embed(&document, &options) {
        Ok(markup) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(markup.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{file}: {message}");
            ExitCode::from(1)
        }
    }
}

/// The options and the input file, or what is wrong with the command line.
fn parse_args(args: &[String]) -> Result<(EmbedOptions, String), String> {
    let mut values = std::collections::HashMap::new();
    let mut file = None;
    let mut mode = EmbedMode::Placeholder;
    let mut widget_base = "/".to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let Some(name) = arg.strip_prefix("--") else {
            if file.replace(arg.clone()).is_some() {
                return Err("one input file only".into());
            }
            continue;
        };
        let (name, value) = match name.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => {
                let value = args.next().ok_or(format!("--{name} needs a value"))?;
                (name.to_owned(), value.clone())
            }
        };
        match name.as_str() {
            "mode" => {
                mode = match value.as_str() {
                    "placeholder" => EmbedMode::Placeholder,
                    "element" => EmbedMode::Element,
                    other => return Err(format!("unknown --mode {other}")),
                }
            }
            "widget-base" => {
                widget_base = value;
                if !widget_base.ends_with('/') {
                    widget_base.push('/');
                }
            }
            "sections" if !matches!(value.as_str(), "expanded" | "collapsed") => {
                return Err(format!("unknown --sections {value}"))
            }
            "theme" if !matches!(value.as_str(), "light" | "dark" | "auto") => {
                return Err(format!("unknown --theme {value}"))
            }
            "src" | "sections" | "theme" | "lang" | "item" | "poll-endpoint" => {
                values.insert(name, value);
            }
            other => return Err(format!("unknown option --{other}")),
        }
    }
    let file = file.ok_or("no input file (use - for standard input)")?;
    if !values.contains_key("src") {
        return Err("--src is required".into());
    }
    let widget = WidgetOptions::from_lookup(|name| values.get(name).cloned());
    Ok((
        EmbedOptions {
            widget,
            mode,
            widget_base,
        },
        file,
    ))
}
