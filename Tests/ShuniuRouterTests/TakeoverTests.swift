import ShuniuKafka
import Testing
@testable import ShuniuRouter

@Suite struct TakeoverTests {
    /// After a partition assignment the consumer resumes at the committed offset, possibly
    /// before records already routed: the scope memory must not survive it (it would claim a
    /// subscriber holds a subject that it receives only later in the stream).
    @Test func anAssignmentEmptiesEveryPartitionsScopeMemory() {
        var state = RoutingState(router: Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret))
        let partition = TopicPartition(topic: "src.household-registration", partition: 0)
        var held = state.partitionState(partition)
        held.scope.remember(grant: "g-grid", subject: Fixtures.person(1))
        state.partitions[partition] = held
        #expect(state.partitionState(partition).scope.holds(grant: "g-grid", subject: Fixtures.person(1)))

        state.takeOver(seen: [:])
        #expect(!state.partitionState(partition).scope.holds(grant: "g-grid", subject: Fixtures.person(1)))
    }
}
