//! paperboy: newspaper pages in, feeds out.
//!
//! The pipeline, one module per stage: [`seeds`] finds and decodes the pages,
//! [`split`] cuts a page into articles, [`identity`] gives each a stable id
//! and a date, [`render`] makes the feeds and pages (at the paths [`layout`]
//! gives), [`check`] checks them,
//! and [`store`], the one owner of the output folder, puts them in place
//! atomically. [`build`] runs the stages in order. Nothing here prints: the
//! command line (`src/bin/paperboy`) does.

pub mod build;
pub mod check;
pub mod config;
pub mod error;
pub mod identity;
pub mod layout;
pub mod model;
pub mod regular;
pub mod render;
pub mod seeds;
pub mod serve;
pub mod split;
pub mod store;
