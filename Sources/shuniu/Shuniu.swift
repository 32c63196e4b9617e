import ArgumentParser

/// The `shuniu` command line: every service and tool of the hub.
@main
struct Shuniu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shuniu",
        abstract: "Shuniu (枢纽): a Kafka-native government information-sharing hub.",
        subcommands: [DemoCommand.self, CatalogCommand.self, TopicsCommand.self, GrantsCommand.self, IdentityCommand.self, LicenceCommand.self, RouterCommand.self, StatsCommand.self, GenerateCommand.self, PublishCommand.self, AdapterCommand.self, ProjectCommand.self, PersonCommand.self, EntityCommand.self, QualityCommand.self, OpenCommand.self, CreditCommand.self, SubscribeCommand.self, CheckCommand.self, AclCommand.self, CredentialsCommand.self, AuditCommand.self, ReplayCommand.self, TraceCommand.self, EvaluateCommand.self, ServeCommand.self, KeysCommand.self, BenchCommand.self]
    )
}
