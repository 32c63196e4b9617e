import ArgumentParser
import ShuniuModel

/// `shuniu catalog check|show`.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check and show the shared resource catalogue (topics/).",
        subcommands: [Check.self, Show.self]
    )

    /// `shuniu catalog check`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the catalogue; print each problem as file:line: what is wrong and how to fix it.")

        @OptionGroup var options: CatalogOptions

        func run() async throws {
            let diagnostics = CatalogueChecker.check(directory: options.directory)
            for diagnostic in diagnostics { Console.say("\(options.catalog)/\(diagnostic)") }
            guard diagnostics.isEmpty else {
                Console.say("\(diagnostics.count) problem(s) in \(options.catalog)")
                throw ExitCode(1)
            }
            let catalogue = try options.load()
            Console.say("\(options.catalog): ok — \(catalogue.departments.count) departments, \(catalogue.themes.count) themes, \(catalogue.licenceTypes.count) licence types, \(catalogue.topicPlan().count) topics")
        }
    }

    /// `shuniu catalog show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the catalogue by theme, by department or by class.")

        enum View: String, ExpressibleByArgument, CaseIterable {
            case theme, department, `class`
        }

        @OptionGroup var options: CatalogOptions

        @Option(name: .long, help: "The view: theme, department or class.")
        var by: View = .theme

        @Argument(help: "Show one theme in full (all its fields).")
        var theme: String?

        func run() async throws {
            let catalogue = try options.load()
            let view = CatalogueView(catalogue: catalogue)
            if let theme {
                guard let found = catalogue.theme(theme) else {
                    throw ValidationError("no theme \(theme); `shuniu catalog show` lists them")
                }
                view.printTheme(found)
                return
            }
            switch by {
            case .theme: view.printByTheme()
            case .department: view.printByDepartment()
            case .class: view.printByClass()
            }
        }
    }
}
