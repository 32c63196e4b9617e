import ShuniuKafka
import ShuniuModel
import Testing
@testable import ShuniuRouter

@Suite struct TakeoverTests {
    /// After a partition assignment the consumer resumes at the committed offset, possibly
    /// before records already routed: the memory in hand must not survive it (it would claim a
    /// subscriber holds a subject that it receives only later in the stream); it is rebuilt
    /// from the audit instead.
    @Test func anAssignmentDropsTheMemoryInHandAndMarksItForRebuilding() {
        var state = RoutingState(router: Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret),
                                 auditKey: AuditKey(secret: Fixtures.secret))
        let partition = TopicPartition(topic: "src.household-registration", partition: 0)
        var held = state.partitionState(partition)
        held.scope.remember(grant: "g-grid", subject: Fixtures.person(1))
        held.rebuildScope = false
        state.partitions[partition] = held
        #expect(state.partitionState(partition).scope.holds(grant: "g-grid", subject: Fixtures.person(1)))

        state.takeOver(seen: [:])
        #expect(!state.partitionState(partition).scope.holds(grant: "g-grid", subject: Fixtures.person(1)))
        #expect(state.partitionState(partition).rebuildScope)
        #expect(state.partitionState(TopicPartition(topic: "src.marriage", partition: 0)).rebuildScope)
    }

    /// The memory before offset o is the last recorded change below o, whatever order the
    /// audit is read in; a record routed again in a later segment wins.
    @Test func theScopeLogRebuildsTheMemoryAsItStoodBeforeTheResumeOffset() {
        let subject = Fixtures.person(2)
        let chain = "src.household-registration/0"
        var log = ScopeLog()
        log.add(segment: "\(chain)#1", grant: "g-grid", subject: subject, offset: 50, held: false)
        log.add(segment: "\(chain)#0", grant: "g-grid", subject: subject, offset: 30, held: true)
        log.add(segment: "\(chain)#0", grant: "g-other", subject: subject, offset: 10, held: true)
        log.add(segment: "src.household-registration/1#0", grant: "g-grid", subject: subject, offset: 5, held: true)
        #expect(!log.memory(chain: chain, before: 30).holds(grant: "g-grid", subject: subject))
        #expect(log.memory(chain: chain, before: 31).holds(grant: "g-grid", subject: subject))
        #expect(log.memory(chain: chain, before: 50).holds(grant: "g-grid", subject: subject))
        #expect(!log.memory(chain: chain, before: 51).holds(grant: "g-grid", subject: subject))
        #expect(log.memory(chain: chain, before: 51).holds(grant: "g-other", subject: subject))
        #expect(log.memory(chain: chain, before: 51).count == 1)
        // The same offset routed again in a later segment: the later routing wins.
        log.add(segment: "\(chain)#2", grant: "g-grid", subject: subject, offset: 50, held: true)
        #expect(log.memory(chain: chain, before: 51).holds(grant: "g-grid", subject: subject))
        #expect(log.memory(chain: "src.household-registration/9", before: 100).count == 0)
    }
}
