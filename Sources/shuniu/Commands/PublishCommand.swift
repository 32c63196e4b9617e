import ArgumentParser

/// `shuniu publish` (being built).
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish", abstract: "(being built)")

    func run() async throws {
        throw ValidationError("shuniu publish is not built yet")
    }
}
