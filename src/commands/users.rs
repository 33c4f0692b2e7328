//! `factdesk user add`: an account made from the terminal, with its password read from a
//! pipe or generated and shown once.

use crate::db::{Db, users};
use crate::domain::{Moment, NewUser, Role, generate_password};
use crate::error::AppError;
use std::io::{IsTerminal, Read};

pub(super) fn add(
    path: &std::path::Path,
    email: &str,
    name: &str,
    role: Option<&str>,
) -> Result<(), String> {
    let role = role.map(Role::parse).transpose()?;
    let stdin = std::io::stdin();
    let (password, generated) = if stdin.is_terminal() {
        (generate_password()?, true)
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        // Only the line ending a pipe adds is dropped: spaces are part of the password.
        let line = text.lines().next().unwrap_or_default().to_owned();
        (line, false)
    };
    let user = NewUser::parse(email, name, &password).map_err(|errors| errors.to_string())?;
    let hash = user.password.hash()?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let (_, role) = opened
        .db
        .write_blocking(|tx| {
            users::create(
                tx,
                user.email.as_str(),
                &user.name,
                &hash,
                role,
                Moment::now(),
            )
        })
        .map_err(|e| match e {
            AppError::Invalid(errors) => errors.to_string(),
            other => other.to_string(),
        })?;
    println!(
        "{} {} <{}> created.",
        role.label(),
        user.name,
        user.email.as_str()
    );
    if generated {
        println!("password: {password}");
    }
    Ok(())
}
