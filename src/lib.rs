//! paperboy: newspaper pages in, feeds out.
//!
//! The pipeline, one module per stage: [`seeds`] finds and decodes the pages,
//! [`split`] cuts a page into articles, [`identity`] gives each a stable id
//! and a date, [`render`] writes the feeds and pages (at the paths
//! [`layout`] gives), and [`publish`] puts them in place atomically.
//! [`build`] runs the stages in order.

pub mod build;
pub mod check;
pub mod config;
pub mod error;
pub mod identity;
pub mod layout;
pub mod lock;
pub mod model;
pub mod publish;
pub mod render;
pub mod seeds;
pub mod serve;
pub mod split;
pub mod state;
