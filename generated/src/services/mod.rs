//! Generated services.
