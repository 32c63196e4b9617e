import Foundation
import Yams

/// The eligibility thresholds of one assistance type, read from `policies/<id>.yaml`.
///
/// Every threshold is optional: a rule whose threshold is absent is not checked.
public struct AssistancePolicy: Sendable, Hashable, Decodable {
    /// The assistance type, a value of `household-economic-check-results.assistance_type`.
    public var id: String
    /// The name shown in verdicts.
    public var title: String
    /// The legal basis of the check (written to the access audit).
    public var basis: String
    /// The local line (minimum-living standard), CNY per person per month, from 1 January of each
    /// year (keys are years as text).
    public var incomeLine: [String: Int]
    /// Monthly household income per member may not exceed the line times this factor.
    public var incomePerMember: Double?
    /// Bank deposits of the household may not exceed the line × these months × members.
    public var financialAssetsMonths: Int?
    /// Motor vehicles the household may own.
    public var vehicles: Int?
    /// Properties (real estate) the household may own.
    public var properties: Int?

    enum CodingKeys: String, CodingKey {
        case id, title, basis, incomeLine = "income_line", incomePerMember = "income_per_member"
        case financialAssetsMonths = "financial_assets_months", vehicles, properties
    }

    /// The line in force in `year` (the latest year at or before it).
    public func line(year: Int) -> Int? {
        incomeLine.compactMap { key, value in Int(key).map { ($0, value) } }
            .filter { $0.0 <= year }.max { $0.0 < $1.0 }?.1
            ?? incomeLine.compactMap { key, value in Int(key).map { ($0, value) } }.min { $0.0 < $1.0 }?.1
    }

    /// Reads a policy file; the error names the file and what is wrong.
    public static func load(_ url: URL) throws -> AssistancePolicy {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AssistanceError(code: "no-policy", message: "cannot read \(url.path): \(error.localizedDescription); pass --policy with a file of policies/ or --policies DIR")
        }
        do {
            let policy = try YAMLDecoder().decode(AssistancePolicy.self, from: text)
            guard !policy.incomeLine.isEmpty, policy.incomeLine.keys.allSatisfy({ Int($0) != nil }) else {
                throw AssistanceError(code: "bad-policy", message: "\(url.path): income_line must map years to CNY amounts, e.g. '2016: 840'")
            }
            return policy
        } catch let error as AssistanceError {
            throw error
        } catch {
            throw AssistanceError(code: "bad-policy", message: "\(url.path): \(error); see docs/household-check.md for the format")
        }
    }

    /// Every policy in a directory (`*.yaml`), by id.
    public static func loadAll(directory: URL) throws -> [String: AssistancePolicy] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        var policies: [String: AssistancePolicy] = [:]
        for file in files where file.pathExtension == "yaml" {
            let policy = try load(file)
            policies[policy.id] = policy
        }
        guard !policies.isEmpty else {
            throw AssistanceError(code: "no-policy", message: "no policy files (*.yaml) in \(directory.path); run from the repository root or pass --policies DIR")
        }
        return policies
    }
}

/// A failure of a household check a person can act on.
public struct AssistanceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `no-policy`, `bad-policy`, `no-mirror`, `bad-application`, `unknown-type`.
    public var code: String
    /// What happened and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
