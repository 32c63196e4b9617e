import CRdKafka

extension KafkaAdmin {
    /// The cluster id the brokers report (`tansu_cluster` on the Tansu dev broker by default).
    public func clusterID(timeout: Duration = .seconds(10)) async throws(KafkaError) -> String {
        try await queue.run { [handle] () throws(KafkaError) -> String in
            guard let raw = rd_kafka_clusterid(handle.pointer, Int32(clamping: timeout.milliseconds)) else {
                throw KafkaError(code: .timedOut, message: "cluster id: no answer from the cluster")
            }
            defer { rd_kafka_mem_free(handle.pointer, raw) }
            return String(cString: raw)
        }
    }

    /// Refuses ACL changes on the Tansu dev broker: it answers CreateAcls/DeleteAcls with a
    /// truncated response on which librdkafka 2.8 asserts and aborts the whole process (seen:
    /// `Protocol read buffer underflow for CreateAcls v1`), and it does not enforce ACLs anyway.
    func refuseOnDevBroker(_ what: String) async throws(KafkaError) {
        if try await clusterID().hasPrefix("tansu") {
            throw KafkaError(code: .unsupportedFeature, message: "\(what): the Tansu dev broker accepts ACL requests but neither keeps nor enforces them (and its answer aborts librdkafka); apply ACLs on Apache Kafka (ops/docker-compose.kafka.yml, docs/access-control.md)")
        }
    }

    /// Creates these ACL entries (CreateAcls). An entry that exists already is not an error.
    public func createAcls(_ bindings: [AclBinding], timeout: Duration = .seconds(30)) async throws(KafkaError) {
        guard !bindings.isEmpty else { return }
        try await refuseOnDevBroker("create ACLs")
        try await queue.run { [handle] () throws(KafkaError) in
            var errorText = [CChar](repeating: 0, count: 512)
            var requests: [OpaquePointer?] = []
            defer { for request in requests { rd_kafka_AclBinding_destroy(request) } }
            for binding in bindings {
                guard let request = rd_kafka_AclBinding_new(binding.resourceType.c, binding.resourceName, binding.patternType.c,
                                                            binding.principal, binding.host, binding.operation.c,
                                                            binding.permission == .allow ? RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW : RD_KAFKA_ACL_PERMISSION_TYPE_DENY,
                                                            &errorText, errorText.count) else {
                    throw KafkaError.invalidConfig("ACL \(binding): \(AdminRequest.text(errorText))")
                }
                requests.append(request)
            }
            try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_CREATEACLS, what: "create ACLs",
                                 timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                requests.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_CreateAcls(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
                }
            } read: { (event) throws(KafkaError) in
                guard let result = rd_kafka_event_CreateAcls_result(event) else {
                    throw KafkaError(code: .failed, message: "create ACLs: unexpected admin event")
                }
                var count = 0
                guard let results = rd_kafka_CreateAcls_result_acls(result, &count) else { return }
                for index in 0..<count {
                    try AdminRequest.check(rd_kafka_acl_result_error(results[index]), "create ACL \(bindings[index])")
                }
            }
        }
    }

    /// Every ACL entry of the cluster (DescribeAcls with a match-anything filter).
    public func describeAcls(timeout: Duration = .seconds(30)) async throws(KafkaError) -> [AclBinding] {
        try await queue.run { [handle] () throws(KafkaError) -> [AclBinding] in
            var errorText = [CChar](repeating: 0, count: 512)
            guard let filter = rd_kafka_AclBindingFilter_new(RD_KAFKA_RESOURCE_ANY, nil, RD_KAFKA_RESOURCE_PATTERN_ANY, nil, nil,
                                                              RD_KAFKA_ACL_OPERATION_ANY, RD_KAFKA_ACL_PERMISSION_TYPE_ANY,
                                                              &errorText, errorText.count) else {
                throw KafkaError.invalidConfig("ACL filter: \(AdminRequest.text(errorText))")
            }
            defer { rd_kafka_AclBinding_destroy(filter) }
            return try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_DESCRIBEACLS, what: "describe ACLs",
                                        timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                rd_kafka_DescribeAcls(handle.pointer, filter, options, resultQueue)
            } read: { (event) throws(KafkaError) -> [AclBinding] in
                guard let result = rd_kafka_event_DescribeAcls_result(event) else {
                    throw KafkaError(code: .failed, message: "describe ACLs: unexpected admin event")
                }
                var count = 0
                guard let acls = rd_kafka_DescribeAcls_result_acls(result, &count) else { return [] }
                return (0..<count).compactMap { Self.binding(acls[$0]) }.sorted()
            }
        }
    }

    /// Deletes exactly these ACL entries (DeleteAcls, one exact filter each); returns how many
    /// entries the cluster removed.
    @discardableResult
    public func deleteAcls(_ bindings: [AclBinding], timeout: Duration = .seconds(30)) async throws(KafkaError) -> Int {
        guard !bindings.isEmpty else { return 0 }
        try await refuseOnDevBroker("delete ACLs")
        return try await queue.run { [handle] () throws(KafkaError) -> Int in
            var errorText = [CChar](repeating: 0, count: 512)
            var filters: [OpaquePointer?] = []
            defer { for filter in filters { rd_kafka_AclBinding_destroy(filter) } }
            for binding in bindings {
                guard let filter = rd_kafka_AclBindingFilter_new(binding.resourceType.c, binding.resourceName, binding.patternType.c,
                                                                  binding.principal, binding.host, binding.operation.c,
                                                                  binding.permission == .allow ? RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW : RD_KAFKA_ACL_PERMISSION_TYPE_DENY,
                                                                  &errorText, errorText.count) else {
                    throw KafkaError.invalidConfig("ACL filter \(binding): \(AdminRequest.text(errorText))")
                }
                filters.append(filter)
            }
            return try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_DELETEACLS, what: "delete ACLs",
                                        timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                filters.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_DeleteAcls(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
                }
            } read: { (event) throws(KafkaError) -> Int in
                guard let result = rd_kafka_event_DeleteAcls_result(event) else {
                    throw KafkaError(code: .failed, message: "delete ACLs: unexpected admin event")
                }
                var count = 0
                guard let responses = rd_kafka_DeleteAcls_result_responses(result, &count) else { return 0 }
                var removed = 0
                for index in 0..<count {
                    try AdminRequest.check(rd_kafka_DeleteAcls_result_response_error(responses[index]), "delete ACL \(bindings[index])")
                    var matching = 0
                    _ = rd_kafka_DeleteAcls_result_response_matching_acls(responses[index], &matching)
                    removed += matching
                }
                return removed
            }
        }
    }

    static func binding(_ acl: OpaquePointer?) -> AclBinding? {
        guard let acl, let type = AclBinding.ResourceType(rd_kafka_AclBinding_restype(acl)),
              let pattern = AclBinding.PatternType(rd_kafka_AclBinding_resource_pattern_type(acl)),
              let operation = AclBinding.Operation(rd_kafka_AclBinding_operation(acl)) else { return nil }
        return AclBinding(principal: String(cString: rd_kafka_AclBinding_principal(acl)), resourceType: type, patternType: pattern,
                          resourceName: String(cString: rd_kafka_AclBinding_name(acl)), operation: operation,
                          permission: rd_kafka_AclBinding_permission_type(acl) == RD_KAFKA_ACL_PERMISSION_TYPE_DENY ? .deny : .allow,
                          host: String(cString: rd_kafka_AclBinding_host(acl)))
    }
}
