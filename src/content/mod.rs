//! The article's content as the reader sees it: blocks and inline text, and
//! pictures. Used by the article root (the lead and the hero) and by
//! sections (their panels). Everything is text nodes and attributes.

mod blocks;
mod figure;

pub use blocks::BlockList;
pub use figure::Figure;
