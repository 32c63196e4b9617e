#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CRdKafka

/// A SASL/SCRAM mechanism.
public enum ScramMechanism: String, Sendable, Hashable, CaseIterable {
    case sha256 = "SCRAM-SHA-256"
    case sha512 = "SCRAM-SHA-512"

    var c: rd_kafka_ScramMechanism_t { self == .sha256 ? RD_KAFKA_SCRAM_MECHANISM_SHA_256 : RD_KAFKA_SCRAM_MECHANISM_SHA_512 }
}

/// What the cluster holds for a SCRAM user: mechanisms and iteration counts, never the secret.
public struct ScramCredentialInfo: Sendable, Hashable {
    /// The user name.
    public var user: String
    /// Mechanism → iterations.
    public var mechanisms: [ScramMechanism: Int]
}

extension KafkaAdmin {
    /// Creates or replaces (rotates) a user's SCRAM credential (AlterUserScramCredentials,
    /// upsertion; librdkafka draws the salt). The password is sent to the cluster only.
    public func upsertScramCredential(user: String, password: String, mechanism: ScramMechanism = .sha256,
                                      iterations: Int = 8_192, timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await queue.run { [handle] () throws(KafkaError) in
            let secret = Array(password.utf8)
            let alteration = secret.withUnsafeBufferPointer { bytes in
                rd_kafka_UserScramCredentialUpsertion_new(user, mechanism.c, Int32(iterations), bytes.baseAddress, bytes.count, nil, 0)
            }
            guard let alteration else { throw KafkaError.invalidConfig("SCRAM credential for \(user)") }
            defer { rd_kafka_UserScramCredentialAlteration_destroy(alteration) }
            try Self.alter([alteration], handle: handle, what: "set the SCRAM credential of \(user)", timeout: timeout)
        }
    }

    /// Removes a user's SCRAM credential of `mechanism`.
    public func deleteScramCredential(user: String, mechanism: ScramMechanism = .sha256,
                                      timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await queue.run { [handle] () throws(KafkaError) in
            guard let alteration = rd_kafka_UserScramCredentialDeletion_new(user, mechanism.c) else {
                throw KafkaError.invalidConfig("SCRAM deletion for \(user)")
            }
            defer { rd_kafka_UserScramCredentialAlteration_destroy(alteration) }
            try Self.alter([alteration], handle: handle, what: "delete the SCRAM credential of \(user)", timeout: timeout)
        }
    }

    /// The SCRAM credentials of `users` (all users when empty); a user without one is left out.
    public func describeScramCredentials(users: [String] = [], timeout: Duration = .seconds(30)) async throws(KafkaError) -> [ScramCredentialInfo] {
        try await queue.run { [handle] () throws(KafkaError) -> [ScramCredentialInfo] in
            var names: [UnsafePointer<CChar>?] = users.map { UnsafePointer(strdup($0)) }
            defer { for name in names { free(UnsafeMutablePointer(mutating: name)) } }
            return try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_DESCRIBEUSERSCRAMCREDENTIALS, what: "describe SCRAM credentials",
                                        timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                names.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_DescribeUserScramCredentials(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
                }
            } read: { (event) throws(KafkaError) -> [ScramCredentialInfo] in
                guard let result = rd_kafka_event_DescribeUserScramCredentials_result(event) else {
                    throw KafkaError(code: .failed, message: "describe SCRAM credentials: unexpected admin event")
                }
                var count = 0
                guard let descriptions = rd_kafka_DescribeUserScramCredentials_result_descriptions(result, &count) else { return [] }
                var infos: [ScramCredentialInfo] = []
                for index in 0..<count {
                    let description = descriptions[index]
                    let user = String(cString: rd_kafka_UserScramCredentialsDescription_user(description))
                    if let error = rd_kafka_UserScramCredentialsDescription_error(description),
                       rd_kafka_error_code(error) == RD_KAFKA_RESP_ERR_RESOURCE_NOT_FOUND { continue }
                    try AdminRequest.check(rd_kafka_UserScramCredentialsDescription_error(description), "SCRAM credentials of \(user)")
                    var mechanisms: [ScramMechanism: Int] = [:]
                    for slot in 0..<rd_kafka_UserScramCredentialsDescription_scramcredentialinfo_count(description) {
                        let info = rd_kafka_UserScramCredentialsDescription_scramcredentialinfo(description, slot)
                        let mechanism = ScramMechanism.allCases.first { $0.c == rd_kafka_ScramCredentialInfo_mechanism(info) }
                        if let mechanism { mechanisms[mechanism] = Int(rd_kafka_ScramCredentialInfo_iterations(info)) }
                    }
                    infos.append(ScramCredentialInfo(user: user, mechanisms: mechanisms))
                }
                return infos.sorted { $0.user < $1.user }
            }
        }
    }

    private static func alter(_ alterations: [OpaquePointer?], handle: RdKafkaHandle, what: String, timeout: Duration) throws(KafkaError) {
        var list = alterations
        try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_ALTERUSERSCRAMCREDENTIALS, what: what,
                             timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
            list.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_AlterUserScramCredentials(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
            }
        } read: { (event) throws(KafkaError) in
            guard let result = rd_kafka_event_AlterUserScramCredentials_result(event) else {
                throw KafkaError(code: .failed, message: "\(what): unexpected admin event")
            }
            var count = 0
            guard let responses = rd_kafka_AlterUserScramCredentials_result_responses(result, &count) else { return }
            for index in 0..<count {
                try AdminRequest.check(rd_kafka_AlterUserScramCredentials_result_response_error(responses[index]), what)
            }
        }
    }
}
