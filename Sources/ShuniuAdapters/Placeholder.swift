/// Placeholder until the adapters land.
enum ShuniuAdaptersPlaceholder {}
