import CRdKafka

/// One broker ACL: a principal may (or may not) perform an operation on a resource.
public struct AclBinding: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Kafka's resource types.
    public enum ResourceType: String, Sendable, Hashable, CaseIterable {
        case topic, group, cluster
        case transactionalID = "transactional-id"
    }
    /// How the resource name matches.
    public enum PatternType: String, Sendable, Hashable, CaseIterable {
        case literal, prefixed
    }
    /// Kafka's operations.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case all, read, write, create, delete, alter, describe
        case idempotentWrite = "idempotent-write"
    }
    /// Allow or deny.
    public enum Permission: String, Sendable, Hashable {
        case allow, deny
    }

    /// The principal, e.g. `User:civil-affairs`.
    public var principal: String
    /// The resource type.
    public var resourceType: ResourceType
    /// Literal name or prefix.
    public var patternType: PatternType
    /// The resource name (`kafka-cluster` for the cluster).
    public var resourceName: String
    /// The operation.
    public var operation: Operation
    /// Allow (the default) or deny.
    public var permission: Permission
    /// The host it applies to, `*` for any.
    public var host: String

    /// An ACL entry.
    public init(principal: String, resourceType: ResourceType, patternType: PatternType = .literal, resourceName: String,
                operation: Operation, permission: Permission = .allow, host: String = "*") {
        self.principal = principal
        self.resourceType = resourceType
        self.patternType = patternType
        self.resourceName = resourceName
        self.operation = operation
        self.permission = permission
        self.host = host
    }

    /// `User:x allow read topic sub.x` (with `prefixed` when the name is a prefix).
    public var description: String {
        "\(principal) \(permission.rawValue) \(operation.rawValue) \(resourceType.rawValue) \(resourceName)\(patternType == .prefixed ? "*" : "")"
    }

    public static func < (lhs: AclBinding, rhs: AclBinding) -> Bool {
        lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey)
    }

    private var sortKey: [String] {
        [principal, resourceType.rawValue, resourceName, patternType.rawValue, operation.rawValue, permission.rawValue, host]
    }
}

extension AclBinding.ResourceType {
    var c: rd_kafka_ResourceType_t {
        switch self {
        case .topic: RD_KAFKA_RESOURCE_TOPIC
        case .group: RD_KAFKA_RESOURCE_GROUP
        case .cluster: RD_KAFKA_RESOURCE_BROKER   // Kafka's CLUSTER (4)
        case .transactionalID: RD_KAFKA_RESOURCE_TRANSACTIONAL_ID
        }
    }

    init?(_ c: rd_kafka_ResourceType_t) {
        guard let match = Self.allCases.first(where: { $0.c == c }) else { return nil }
        self = match
    }
}

extension AclBinding.PatternType {
    var c: rd_kafka_ResourcePatternType_t { self == .literal ? RD_KAFKA_RESOURCE_PATTERN_LITERAL : RD_KAFKA_RESOURCE_PATTERN_PREFIXED }

    init?(_ c: rd_kafka_ResourcePatternType_t) {
        switch c {
        case RD_KAFKA_RESOURCE_PATTERN_LITERAL: self = .literal
        case RD_KAFKA_RESOURCE_PATTERN_PREFIXED: self = .prefixed
        default: return nil
        }
    }
}

extension AclBinding.Operation {
    var c: rd_kafka_AclOperation_t {
        switch self {
        case .all: RD_KAFKA_ACL_OPERATION_ALL
        case .read: RD_KAFKA_ACL_OPERATION_READ
        case .write: RD_KAFKA_ACL_OPERATION_WRITE
        case .create: RD_KAFKA_ACL_OPERATION_CREATE
        case .delete: RD_KAFKA_ACL_OPERATION_DELETE
        case .alter: RD_KAFKA_ACL_OPERATION_ALTER
        case .describe: RD_KAFKA_ACL_OPERATION_DESCRIBE
        case .idempotentWrite: RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE
        }
    }

    init?(_ c: rd_kafka_AclOperation_t) {
        guard let match = Self.allCases.first(where: { $0.c == c }) else { return nil }
        self = match
    }
}
