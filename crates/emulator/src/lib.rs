//! A local stand-in for Tencent Cloud services, for tests and demos.
