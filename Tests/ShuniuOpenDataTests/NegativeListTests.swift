import ShuniuModel
import ShuniuOpenData
import Testing

@Suite struct NegativeListTests {
    @Test func theShippedListLoadsAgainstTheCatalogue() throws {
        let list = try NegativeList.load(file: Repository.negativeListFile, catalogue: Repository.catalogue)
        #expect(list.reason(theme: "criminal-cases") != nil)
        #expect(list.reason(theme: "enterprise-registration") == nil)
        #expect(list.reason(field: "legal_representative", theme: "enterprise-registration") != nil, "a list-wide field")
        #expect(list.reason(field: "operator_name", theme: "sole-trader-registration") != nil)
        #expect(list.reason(field: "operator_name", theme: "enterprise-registration") == nil, "scoped to its theme")
    }

    @Test func everyProblemIsReportedWithItsLineAndFix() {
        let yaml = """
        themes:
          - theme: criminal-case
            reason: typo
          - theme: tax-paid
        fields:
          - field: shoe_size
            reason: nobody has it
          - field: name
            theme: birth
            reason: fine
          - field: operator_name
            theme: enterprise-registration
            reason: wrong theme
        extra: 1
        """
        #expect {
            try NegativeList.parse(yaml, file: "negative-list.yaml", catalogue: Repository.catalogue)
        } throws: { error in
            let diagnostics = (error as? CatalogueError)?.diagnostics.map(\.description) ?? []
            return diagnostics.count == 5
                && diagnostics.contains { $0.hasPrefix("negative-list.yaml:2:") && $0.contains("'criminal-case' is not in the catalogue") }
                && diagnostics.contains { $0.hasPrefix("negative-list.yaml:4:") && $0.contains("has no 'reason'") }
                && diagnostics.contains { $0.hasPrefix("negative-list.yaml:6:") && $0.contains("no theme of the catalogue has a field 'shoe_size'") }
                && diagnostics.contains { $0.hasPrefix("negative-list.yaml:11:") && $0.contains("has no field 'operator_name'") }
                && diagnostics.contains { $0.hasPrefix("negative-list.yaml:14:") && $0.contains("unknown key 'extra'") }
        }
    }
}
