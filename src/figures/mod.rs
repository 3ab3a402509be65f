//! Figures assembled from the domain and the drawing layer: the one place
//! that knows both an experiment and how to draw it. `plot` draws data it is
//! handed and knows no optimizer or layer; `optim`, `init` and `train` know
//! no drawing. The page's panels, the command line and the tests all draw
//! through these functions.

pub mod init;
pub mod landscape;
pub mod optimizers;
pub mod weights;
