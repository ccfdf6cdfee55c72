//! xtask's tests, one binary (issue 22): each file was its own test crate. The commands
//! they run are child processes, so none needs a process of its own.

mod help;
mod target_dir;
