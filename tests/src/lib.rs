//! End-to-end and snapshot tests of the workspace.
