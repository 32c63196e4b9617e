import Foundation
import Testing
@testable import ShuniuModel

@Suite("Catalogue checker")
struct CatalogueCheckerTests {
    @Test func departmentsFileErrorsPointAtTheirLines() {
        let found = CatalogueChecker.check(directory: Fixture.catalogue("bad-departments")).map(\.description)
        #expect(found == [
            "departments.yaml:4: district id 'Panyu' is not a kebab-case id; use lowercase letters, digits and '-', starting with a letter",
            "departments.yaml:6: district id 'yuexiu' is already declared on line 2; give each district its own id",
            "departments.yaml:12: a department has no 'name'; add `name: ...`",
            "departments.yaml:13: unknown key 'nmae' in a department; allowed keys are id, name, kind, district, functions; did you mean 'name'?",
            "departments.yaml:15: department id 'public-security' is already declared on line 9; give each department its own id",
            "departments.yaml:20: department kind is 'distrct', which is not known; use one of government, bank, utility, court, district; did you mean 'district'?",
            "departments.yaml:21: district 'yuexu' is not a known district; did you mean 'yuexiu'?",
            "departments.yaml:25: arbitration name has no 'en'; add `en: ...`",
            "departments.yaml:26: arbitration member 'civil-afairs' is not a known department; did you mean 'civil-affairs'?",
            "departments.yaml:26: arbitration member 'tax' is not a known department; use the id of a department in departments.yaml",
        ])
    }

    @Test func themeFileErrorsPointAtTheirLines() {
        let found = CatalogueChecker.check(directory: Fixture.catalogue("bad-themes")).map(\.description)
        let expected = [
            "themes/bad-fields.yaml:13: field 'level' is an enum without values; add `values: [a, b, ...]`",
            "themes/bad-fields.yaml:18: field 'note' is of type string and cannot have values; remove `values` or make it `type: enum`",
            "themes/bad-fields.yaml:20: type of field 'amount' is 'strng', which is not known; use one of string, integer, decimal, boolean, date, datetime, enum, citizen-id, credit-code; did you mean 'string'?",
            "themes/bad-fields.yaml:21: sensitivity of field 'secret_note' is 'top-secret', which is not known; use one of public, internal, sensitive, secret",
            "themes/bad-fields.yaml:22: field 'code' is already declared on line 12; give each field its own name",
            "themes/bad-fields.yaml:23: field name 'CamelCase' is not snake_case; use lowercase letters, digits and '_', starting with a letter",
            "themes/bad-fields.yaml:24: required of field 'flag' is 'yes please' but must be true or false",
            "themes/bad-fields.yaml:25: field 'kind' is an enum with an empty values list; list its allowed values",
            "themes/bad-key.yaml:6: subject.key 'code' names a field that is not required; add `required: true` to field 'code'",
            "themes/bad-key.yaml:6: subject.kind legal-entity is keyed by a credit-code but field 'code' is string; make it `type: credit-code` or change subject.kind",
            "themes/bad-references.yaml:5: provider 'public-securty' is not a known department; did you mean 'public-security'?",
            "themes/bad-references.yaml:11: function 'social-asistance' is held by no department; did you mean 'social-assistance'?",
            "themes/bad-references.yaml:12: function 'flying' is held by no department; add it to a department's functions or remove it",
            "themes/bad-share.yaml:7: a conditional share needs a condition; add `condition: ...` saying in words when it is granted",
            "themes/bad-share.yaml:8: open is 'public', which is not known; use one of open, conditional, closed",
            "themes/bad-share.yaml:9: update is 'hourly', which is not known; use one of realtime, daily, weekly, monthly, quarterly, yearly",
            "themes/bad-share.yaml:10: partitions is 100 but must be between 1 and 64; pick a count in that range",
            "themes/duplicate-keys.yaml:3: key 'class' appears more than once in one mapping; keep only one",
            "themes/marriage-copy.yaml:1: theme id 'marriage' does not match the file name 'marriage-copy.yaml'; rename the file to 'marriage.yaml' or set `id: marriage-copy`",
            "themes/marriage-copy.yaml:1: theme id 'marriage' is already declared in themes/marriage.yaml line 1; one data, one source: keep a single theme with this id",
            "themes/missing-key-field.yaml:4: subject.key 'case_numbr' is not one of the theme's fields; did you mean 'case_number'?",
            "themes/not-shared.yaml:10: the theme is not shared (share.type none) but lists functions; remove them or change share.type",
            "themes/old-extension.yml:1: theme files end in .yaml; rename it to old-extension.yaml",
            "themes/syntax.yaml:5: invalid YAML: while parsing a flow mapping did not find expected ',' or '}'; fix the syntax",
            "themes/two-providers.yaml:5: provider names 2 departments but a theme has exactly one authoritative provider (one data, one source); keep the one department that holds the data",
            "themes/unknown-keys.yaml:1: the theme has no 'title'; add `title: ...`",
            "themes/unknown-keys.yaml:2: unknown key 'titel' in the theme; allowed keys are id, title, description, class, subject, provider, share, open, update, partitions, functions, fields, headers; did you mean 'title'?",
            "themes/unknown-keys.yaml:12: field 'code' has no 'sensitivity'; add `sensitivity: ...`",
            "themes/unknown-keys.yaml:15: unknown key 'sensitivty' in a field; allowed keys are name, type, required, sensitivity, values, description; did you mean 'sensitivity'?",
            "themes/wrong-name.yaml:1: theme id 'wrong-nmae' does not match the file name 'wrong-name.yaml'; rename the file to 'wrong-nmae.yaml' or set `id: wrong-name`",
        ]
        #expect(found.count == expected.count)
        for (line, (got, want)) in zip(found, expected).enumerated() {
            #expect(got == want, "diagnostic \(line)")
        }
    }

    @Test func diagnosticParts() throws {
        let first = try #require(CatalogueChecker.check(directory: Fixture.catalogue("bad-themes")).first)
        #expect(first.file == "themes/bad-fields.yaml")
        #expect(first.line == 13)
        #expect(first.description == "\(first.file):\(first.line): \(first.message)")
    }

    @Test func missingFilesAreReported() throws {
        let directory = try TemporaryCatalogue()
        #expect(CatalogueChecker.check(directory: directory.url).map(\.description) == [
            "departments.yaml:1: file not found; create departments.yaml",
            "themes:1: the themes directory is missing or unreadable; create themes/ with one <theme-id>.yaml per theme",
        ])
    }

    @Test func missingDepartmentsFileDoesNotCascadeIntoThemes() throws {
        let directory = try TemporaryCatalogue()
        try directory.write("themes/marriage.yaml",
                            String(contentsOf: Fixture.catalogue("good").appendingPathComponent("themes/marriage.yaml"),
                                   encoding: .utf8))
        #expect(CatalogueChecker.check(directory: directory.url).map(\.description) == [
            "departments.yaml:1: file not found; create departments.yaml",
        ])
    }

    @Test func emptyAndNonMappingFiles() throws {
        let directory = try TemporaryCatalogue()
        try directory.write("departments.yaml", "")
        try directory.write("themes/a.yaml", "- just\n- a list\n")
        #expect(CatalogueChecker.check(directory: directory.url).map(\.description) == [
            "departments.yaml:1: the file is empty; fill it in following the catalogue schema",
            "themes/a.yaml:1: the theme must be a mapping of keys to values; write it as `key: value` lines",
        ])
    }

    @Test func missingTopLevelKeysAndWrongShapes() throws {
        let directory = try TemporaryCatalogue()
        try directory.write("departments.yaml", """
            districts: yuexiu
            departments:
              - id: tax
                name: {zh: 税务局, en: Tax}
                functions: tax-collection
            """)
        try directory.write("themes/t.yaml", """
            id: t
            title: {zh: 题, en: T}
            class: department
            subject: {kind: other, key: code}
            provider: tax
            share: {type: unconditional}
            open: closed
            update: daily
            partitions: many
            fields:
              - {name: code, type: string, required: true, sensitivity: internal}
            """)
        #expect(CatalogueChecker.check(directory: directory.url).map(\.description) == [
            "departments.yaml:1: districts must be a list; write `[a, b]` or one `- item` per line",
            "departments.yaml:1: departments.yaml has no 'arbitration'; add `arbitration: ...`",
            "departments.yaml:5: functions must be a list; write `[a, b]` or one `- item` per line",
            "themes/t.yaml:1: the theme has no 'functions'; list the legal functions entitled to it (or `functions: []`)",
            "themes/t.yaml:9: partitions is 'many' but must be a whole number",
        ])
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "public-securty", among: ["tax", "public-security"]) == "public-security")
        #expect(Suggestion.closest(to: "tx", among: ["tax"]) == "tax")
        #expect(Suggestion.closest(to: "flying", among: ["tax", "public-security"]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}

/// A scratch catalogue directory, removed when the value is released.
final class TemporaryCatalogue {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
