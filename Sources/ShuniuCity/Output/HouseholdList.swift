import Foundation
import ShuniuModel

/// `households.jsonl`: every household with living members at the end of the window, one JSON
/// object a line, sorted by household number:
/// `{"household_id":"…","district":"…","head_citizen_id":"…","members":["…",…]}`.
///
/// Members are the living persons whose last household registration names the household; the
/// head is omitted when the registered head has died or moved out.
struct HouseholdList {
    static let fileName = "households.jsonl"
    let city: City

    /// Writes the file; returns the number of households.
    func write(to url: URL) throws(CityWriterError) -> Int {
        var members = [[Int]](repeating: [], count: city.households.count)
        var heads = [Int](repeating: -1, count: city.households.count)
        for index in city.persons.indices where city.persons[index].death == nil {
            let registration = city.registration(of: index, on: CityCalendar.windowEnd)
            members[registration.household].append(index)
            if registration.relation == .head { heads[registration.household] = index }
        }
        let order = city.households.indices.filter { !members[$0].isEmpty }.sorted { city.households[$0].id < city.households[$1].id }
        var text = ""
        for household in order {
            let place = city.households[household].place(on: CityCalendar.windowEnd)
            text += "{\"household_id\":\"\(city.households[household].id)\",\"district\":\"\(city.districtID(place))\""
            if heads[household] >= 0 { text += ",\"head_citizen_id\":\"\(city.persons[heads[household]].id)\"" }
            text += ",\"members\":[" + members[household].map { "\"\(city.persons[$0].id)\"" }.joined(separator: ",") + "]}\n"
        }
        do {
            try PrivateFile.write(Data(text.utf8), to: url.path)  // citizen IDs: mode 0600
        } catch {
            throw .writeFailed(url.path, "\(error)")
        }
        return order.count
    }
}
