import ArgumentParser

/// `shuniu generate` (being built).
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "(being built)")

    func run() async throws {
        throw ValidationError("shuniu generate is not built yet")
    }
}
