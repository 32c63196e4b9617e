import ArgumentParser

/// `shuniu adapter` (being built).
struct AdapterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adapter", abstract: "(being built)")

    func run() async throws {
        throw ValidationError("shuniu adapter is not built yet")
    }
}
