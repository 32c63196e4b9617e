@testable import ShuniuCity
import ShuniuModel
import Testing

@Suite("Randomness, calendar and identifiers")
struct BuildingBlockTests {
    @Test func streamsAreReproducibleAndIndependent() {
        var a = CityRandom(seed: 1, stream: RandomStream("x"), index: 3)
        var b = CityRandom(seed: 1, stream: RandomStream("x"), index: 3)
        var c = CityRandom(seed: 1, stream: RandomStream("x"), index: 4)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        #expect(RandomStream("household-registration").value == RandomStream("household-registration").value)
    }

    @Test func boundedDrawsStayInRange() {
        var random = CityRandom(seed: 42)
        for bound in [1, 2, 7, 1_000] {
            #expect((0..<2_000).allSatisfy { _ in (0..<bound).contains(random.below(bound)) })
        }
    }

    @Test func calendarRoundTrips() {
        for day in stride(from: -30_000, through: 30_000, by: 97) {
            let date = CityCalendar.date(day)
            #expect(date.daysSinceEpoch == day)
            #expect(CityCalendar.iso(day) == date.description)
        }
        #expect(CityCalendar.stamp(CityCalendar.windowStart * 86_400 + 3_723) == "2015-01-01T01:02:03Z")
        #expect(CityCalendar.age(born: CityCalendar.day(2000, 2, 29), on: CityCalendar.day(2018, 2, 28)) == 17)
    }

    @Test func issuedCitizenIDsAreValidUniqueAndEncodeSex() throws {
        var registry = IdentityRegistry()
        var seen = Set<String>()
        let birth = CityCalendar.day(1990, 5, 17)
        for index in 0..<1_200 {
            let sex: Sex = index % 3 == 0 ? .female : .male
            let issued = registry.issue(region: "440106", birth: birth, sex: sex)
            let id = try CitizenID(validating: issued.id)
            #expect(id.sex == sex)
            #expect(id.birthDate == CityCalendar.date(issued.birth))
            #expect(seen.insert(issued.id).inserted)
        }
    }

    @Test func mintedCreditCodesAreValidAndUnique() throws {
        var mint = CreditCodeMint(seed: 9)
        var seen = Set<String>()
        for index in 0..<2_000 {
            let code = mint.next(authority: "9", kind: "1", region: "440106", unified: index % 2 == 0)
            _ = try CreditCode(validating: code)
            #expect(seen.insert(code).inserted)
        }
    }

    @Test func vinCheckDigitFollowsTheStandard() {
        #expect(VehicleLexicon.checkDigit(Array("1M8GDM9AXKP042788")) == "X")
        #expect(VehicleLexicon.checkDigit(Array("11111111111111111")) == "1")
        let vin = VehicleLexicon.vin(wmi: "LSV", descriptor: "AB12C", year: 2019, serial: 42)
        #expect(vin.count == 17 && !vin.contains("I") && !vin.contains("O") && !vin.contains("Q"))
        #expect(Array(vin)[9] == "K")
    }
}
