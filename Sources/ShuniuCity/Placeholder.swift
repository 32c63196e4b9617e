/// Placeholder until the generator lands.
enum ShuniuCityPlaceholder {}
