import ArchiveModel
import Foundation

/// The view model of a `LinePlot` drawn as inline SVG by `result-plot.mustache`: axes with round
/// ticks, one polyline per series told apart by dash pattern as well as colour (readable in print
/// and without colour vision), a legend, and the plot's text alternative as `<title>`/`<desc>`.
/// The geometry is computed here and handed over as numbers and SVG point lists (path data, the
/// one piece of markup made in Swift); coordinates have fixed decimals so the markup is the same
/// on every machine.
enum SVGPlot {
    typealias Context = TemplateContext

    /// The drawing area; the legend goes below it, one row per series, so long labels never leave
    /// the picture and never cover the curves.
    static let width = 640.0, plotAreaHeight = 400.0
    static let left = 64.0, right = 16.0, top = 28.0, bottom = 52.0
    static let legendRow = 18.0
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "12 4"]

    static func context(_ plot: LinePlot, id: String) -> Context {
        let points = plot.series.flatMap(\.points).filter { $0.count == 2 && $0[0].isFinite && $0[1].isFinite }
        let transformY: (Double) -> Double = plot.logY ? { log10(max($0, 1e-12)) } : { $0 }
        let xs = points.map { $0[0] }
        let ys = points.filter { !plot.logY || $0[1] > 0 }.map { transformY($0[1]) }
        let xRange = niceRange(xs.min() ?? 0, xs.max() ?? 1)
        let yRange =
            plot.logY ? (floor(ys.min() ?? 0), ceil(ys.max() ?? 1)) : niceRange(min(0, ys.min() ?? 0), ys.max() ?? 1)
        let plotWidth = width - left - right
        let plotHeight = plotAreaHeight - top - bottom
        let height = plotAreaHeight + 8 + legendRow * Double(plot.series.count)
        func sx(_ x: Double) -> Double { left + (x - xRange.0) / max(xRange.1 - xRange.0, 1e-300) * plotWidth }
        func sy(_ y: Double) -> Double {
            top + plotHeight - (y - yRange.0) / max(yRange.1 - yRange.0, 1e-300) * plotHeight
        }

        let xTicks = ticks(xRange).map { tick -> Context in
            [
                "x": f(sx(tick)), "y1": f(top), "y2": f(top + plotHeight), "labelY": f(top + plotHeight + 16),
                "label": label(tick),
            ]
        }
        let yTickValues = plot.logY ? Array(stride(from: yRange.0, through: yRange.1, by: 1)) : ticks(yRange)
        let yTicks = yTickValues.map { tick -> Context in
            [
                "y": f(sy(tick)), "x1": f(left), "x2": f(left + plotWidth), "labelX": f(left - 6),
                "labelY": f(sy(tick) + 4),
                "label": plot.logY ? "10" + superscript(Int(tick)) : label(tick),
            ]
        }
        let series = plot.series.enumerated().map { index, series -> Context in
            let coordinates = series.points
                .filter { $0.count == 2 && $0[0].isFinite && $0[1].isFinite && (!plot.logY || $0[1] > 0) }
                .map { "\(f(sx($0[0]))),\(f(sy(transformY($0[1]))))" }
                .joined(separator: " ")
            // Six colours and six dash patterns, paired so that no two of 36 series look alike.
            let dash = dashes[(index + index / 6) % dashes.count]
            let legendY = plotAreaHeight + 8 + legendRow * Double(index) + 12
            return [
                "style": index % 6, "points": coordinates, "hasDash": !dash.isEmpty, "dash": dash,
                "legendLineX1": f(left), "legendLineX2": f(left + 28),
                "legendLineY": f(legendY - 4), "legendTextX": f(left + 36), "legendY": f(legendY),
                "label": series.label,
            ]
        }
        return [
            "id": id, "title": plot.title, "description": plot.textAlternative, "csv": id + ".csv",
            "width": f(width), "height": f(height),
            "left": f(left), "top": f(top), "plotWidth": f(plotWidth), "plotHeight": f(plotHeight),
            "xLabel": plot.xLabel, "xLabelX": f(left + plotWidth / 2), "xLabelY": f(plotAreaHeight - 12),
            "yLabel": plot.yLabel, "yLabelY": f(top + plotHeight / 2),
            "xTicks": xTicks, "yTicks": yTicks, "series": series,
        ]
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `-3` as `⁻³`: a power of ten on a log axis, written as it is printed.
    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (value < 0 ? "⁻" : "") + String(String(abs(value)).map { digits[Int(String($0))!] })
    }

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
