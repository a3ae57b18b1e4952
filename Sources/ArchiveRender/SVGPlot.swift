import ArchiveModel
import Foundation

/// Draws a `LinePlot` as inline SVG: axes with round ticks, one polyline per series told apart by
/// dash pattern as well as colour (readable in print and without colour vision), a legend, and the
/// plot's text alternative as `<title>`/`<desc>`. Coordinates are printed with fixed decimals so
/// the markup is the same on every machine.
enum SVGPlot {
    static let width = 640.0, height = 400.0
    static let left = 64.0, right = 16.0, top = 28.0, bottom = 52.0
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "12 4"]

    static func svg(_ plot: LinePlot, id: String) -> String {
        let points = plot.series.flatMap(\.points).filter { $0.count == 2 && $0[0].isFinite && $0[1].isFinite }
        let transformY: (Double) -> Double = plot.logY ? { log10(max($0, 1e-12)) } : { $0 }
        let xs = points.map { $0[0] }, ys = points.filter { !plot.logY || $0[1] > 0 }.map { transformY($0[1]) }
        let xRange = niceRange(xs.min() ?? 0, xs.max() ?? 1)
        let yRange = plot.logY ? (floor(ys.min() ?? 0), ceil(ys.max() ?? 1)) : niceRange(min(0, ys.min() ?? 0), ys.max() ?? 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func sx(_ x: Double) -> Double { left + (x - xRange.0) / max(xRange.1 - xRange.0, 1e-300) * plotWidth }
        func sy(_ y: Double) -> Double { top + plotHeight - (y - yRange.0) / max(yRange.1 - yRange.0, 1e-300) * plotHeight }

        let titleID = "\(id)-title", descID = "\(id)-desc"
        var svg = "<svg class=\"plot\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" "
            + "aria-labelledby=\"\(titleID) \(descID)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"\(titleID)\">\(htmlEscape(plot.title))</title>\n"
        svg += "<desc id=\"\(descID)\">\(htmlEscape(plot.textAlternative))</desc>\n"
        svg += "<rect class=\"plot-frame\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/>\n"
        for tick in ticks(xRange) {
            let x = sx(tick)
            svg += "<line class=\"plot-grid\" x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight))\"/>"
            svg += "<text class=\"plot-tick\" x=\"\(f(x))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        for tick in plot.logY ? Array(stride(from: yRange.0, through: yRange.1, by: 1)) : ticks(yRange) {
            let y = sy(tick)
            let text = plot.logY ? "10^\(Int(tick))" : label(tick)
            svg += "<line class=\"plot-grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\"/>"
            svg += "<text class=\"plot-tick\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(text)</text>\n"
        }
        svg += "<text class=\"plot-label\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(htmlEscape(plot.xLabel))</text>\n"
        svg += "<text class=\"plot-label\" transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(htmlEscape(plot.yLabel))</text>\n"
        for (index, series) in plot.series.enumerated() {
            let coordinates = series.points
                .filter { $0.count == 2 && $0[0].isFinite && $0[1].isFinite && (!plot.logY || $0[1] > 0) }
                .map { "\(f(sx($0[0]))),\(f(sy(transformY($0[1]))))" }
                .joined(separator: " ")
            let dash = dashes[index % dashes.count]
            svg += "<polyline class=\"plot-series plot-series-\(index % 6)\" points=\"\(coordinates)\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>\n"
            let ly = top + 14 + Double(index) * 16
            svg += "<line class=\"plot-series plot-series-\(index % 6)\" x1=\"\(f(left + plotWidth - 120))\" y1=\"\(f(ly - 4))\" "
                + "x2=\"\(f(left + plotWidth - 96))\" y2=\"\(f(ly - 4))\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            svg += "<text class=\"plot-legend\" x=\"\(f(left + plotWidth - 90))\" y=\"\(f(ly))\">\(htmlEscape(series.label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func label(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Expands a data range to round numbers (1, 2 or 5 × 10ⁿ steps).
    static func niceRange(_ low: Double, _ high: Double) -> (Double, Double) {
        guard high > low else { return (low - 1, low + 1) }
        let step = niceStep((high - low) / 5)
        return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
    }

    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
    }

    static func ticks(_ range: (Double, Double)) -> [Double] {
        let step = niceStep((range.1 - range.0) / 5)
        var values: [Double] = []
        var value = range.0
        while value <= range.1 + step * 1e-9 {
            values.append(value)
            value += step
        }
        return values
    }
}
