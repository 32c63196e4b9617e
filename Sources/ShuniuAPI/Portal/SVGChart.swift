/// A bar chart drawn on the server as SVG (no script, no library): one group of bars per
/// day, one bar per series, with axes, a legend and a `<title>` per bar for screen readers
/// and tooltips.
struct SVGChart {
    /// A series: its name and colour.
    struct Series { var name: String, colour: String }

    var title: String
    var series: [Series]
    /// Per day: the label and one value per series.
    var days: [(label: String, values: [Int])]
    var width = 900
    var height = 280

    var svg: HTML {
        let left = 56, right = 12, top = 28, bottom = 48
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(1, days.flatMap(\.values).max() ?? 1)
        // Four grid steps of a round size (1, 2, 5 × 10^n), so every tick's label is exact.
        let step = Self.niceCeiling(peak / 4 + (peak % 4 == 0 ? 0 : 1))
        let scale = step * 4
        let groupWidth = days.isEmpty ? plotWidth : plotWidth / days.count
        let barWidth = max(1, (groupWidth - 4) / max(1, series.count))
        var parts: [HTML] = []
        for tick in 0...4 {
            let value = step * tick
            let y = top + plotHeight - plotHeight * tick / 4
            parts.append("<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#d8dbe0\"/><text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(value)</text>")
        }
        let labelEvery = max(1, days.count / 12)
        for (index, day) in days.enumerated() {
            let x0 = left + index * groupWidth + 2
            for (slot, value) in day.values.enumerated() where slot < series.count {
                let barHeight = plotHeight * value / scale
                let x = x0 + slot * barWidth
                parts.append("<rect x=\"\(x)\" y=\"\(top + plotHeight - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"\(series[slot].colour)\" class=\"bar\"><title>\(day.label) \(series[slot].name): \(value)</title></rect>")
            }
            if index % labelEvery == 0 {
                parts.append("<text x=\"\(x0)\" y=\"\(top + plotHeight + 16)\">\(String(day.label.suffix(5)))</text>")
            }
        }
        for (slot, item) in series.enumerated() {
            let x = left + slot * 150
            parts.append("<rect x=\"\(x)\" y=\"\(height - 18)\" width=\"12\" height=\"12\" fill=\"\(item.colour)\"/><text x=\"\(x + 16)\" y=\"\(height - 8)\">\(item.name)</text>")
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" viewBox="0 0 \(width) \(height)" width="100%" preserveAspectRatio="xMinYMin meet">
            <title id="chart-title">\(title)</title>
            <text x="\(left)" y="16" font-weight="bold">\(title)</text>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(width - right)" y2="\(top + plotHeight)" stroke="#333"/>
            \(parts)
            </svg>
            """
    }

    /// The smallest 1, 2 or 5 times a power of ten at or above `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var power = 1
        while power <= Int.max / 10, power * 10 <= value { power *= 10 }
        for step in [1, 2, 5, 10] where power <= Int.max / step && power * step >= value { return power * step }
        return value
    }
}
