import Foundation

/// The test fixtures copied into the test bundle.
enum Fixture {
    /// The directory of a fixture catalogue, e.g. `good`.
    static func catalogue(_ name: String) -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures are not in the test bundle")
        }
        return root.appendingPathComponent(name)
    }
}
