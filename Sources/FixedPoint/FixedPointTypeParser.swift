// Parsing of type spellings: `ap_fixed<W,I[,Q[,O[,N]]]>`, `ap_ufixed<...>`, hls4ml's
// `fixed<...>` / `ufixed<...>`, and the integer types `ap_int<W>` / `ap_uint<W>` /
// `int<W>` / `uint<W>` (which are `<W,W>` fixed-point formats).

/// Why a type spelling could not be parsed.
public struct FixedPointTypeParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The text does not have the shape `name<arguments>`.
        case syntax(String)
        /// The name before `<` is not a known fixed-point or integer type.
        case unknownTypeName(String)
        /// The number of arguments is wrong for the type.
        case wrongArgumentCount(typeName: String, expected: String, found: Int)
        /// A width, integer-bit or saturation-bit argument is not an integer.
        case notAnInteger(parameter: String, text: String)
        /// The quantization argument is not a known mode.
        case unknownQuantizationMode(String)
        /// The overflow argument is not a known mode.
        case unknownOverflowMode(String)
        /// The parameters are well-formed but outside what is supported.
        case unsupported(String)
    }

    /// The text that was parsed.
    public let input: String
    /// What is wrong with it.
    public let reason: Reason

    public var description: String {
        let detail: String
        switch reason {
        case .syntax(let message):
            detail = message
        case .unknownTypeName(let name):
            detail =
                "unknown type name '\(name)' (expected ap_fixed, ap_ufixed, fixed, ufixed, ap_int, ap_uint, int or uint)"
        case .wrongArgumentCount(let name, let expected, let found):
            detail = "\(name) takes \(expected) arguments, found \(found)"
        case .notAnInteger(let parameter, let text):
            detail = "\(parameter) '\(text)' is not an integer"
        case .unknownQuantizationMode(let text):
            detail =
                "unknown quantization mode '\(text)' (expected one of "
                + QuantizationMode.allCases.map(\.apName).joined(separator: ", ") + ")"
        case .unknownOverflowMode(let text):
            detail =
                "unknown overflow mode '\(text)' (expected one of "
                + OverflowMode.allCases.map(\.apName).joined(separator: ", ") + ")"
        case .unsupported(let message):
            detail = message
        }
        return "invalid fixed-point type '\(input)': \(detail)"
    }
}

extension FixedPointType {
    /// Parses `ap_fixed<W,I[,Q[,O[,N]]]>`, `ap_ufixed<...>`, hls4ml's `fixed<...>` and
    /// `ufixed<...>`, and `ap_int<W>`, `ap_uint<W>`, `int<W>`, `uint<W>`.
    ///
    /// Whitespace is allowed around every token. Modes are given by name, with or
    /// without the `AP_` prefix and in any letter case (`AP_RND_CONV`, `RND_CONV`);
    /// omitted parameters take the `ap_fixed` defaults AP_TRN, AP_WRAP, 0.
    public static func parse(_ text: String) throws(FixedPointTypeParseError) -> FixedPointType {
        func fail(_ reason: FixedPointTypeParseError.Reason) -> FixedPointTypeParseError {
            FixedPointTypeParseError(input: text, reason: reason)
        }
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

        let trimmed = Substring(text).drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        let body = String(trimmed)
        guard let open = body.firstIndex(of: "<") else {
            throw fail(.syntax("expected '<' after the type name"))
        }
        guard body.last == ">" else {
            throw fail(.syntax("expected '>' at the end"))
        }
        let name = String(body[..<open].reversed().drop(while: isSpace).reversed())
        let inner = body[body.index(after: open)..<body.index(before: body.endIndex)]
        if inner.contains("<") || inner.contains(">") {
            throw fail(.syntax("unexpected '<' or '>' inside the argument list"))
        }
        let arguments = inner.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        }
        if let emptyIndex = arguments.firstIndex(where: \.isEmpty) {
            throw fail(.syntax("argument \(emptyIndex + 1) is empty"))
        }

        let isSigned: Bool
        let isInteger: Bool
        switch name {
        case "ap_fixed", "fixed": (isSigned, isInteger) = (true, false)
        case "ap_ufixed", "ufixed": (isSigned, isInteger) = (false, false)
        case "ap_int", "int": (isSigned, isInteger) = (true, true)
        case "ap_uint", "uint": (isSigned, isInteger) = (false, true)
        default:
            if name.isEmpty { throw fail(.syntax("missing type name before '<'")) }
            throw fail(.unknownTypeName(name))
        }

        func integer(_ index: Int, _ parameter: String) throws(FixedPointTypeParseError) -> Int {
            let s = arguments[index]
            var digits = Substring(s)
            var negative = false
            if let first = digits.first, first == "-" || first == "+" {
                negative = first == "-"
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let magnitude = Int(digits)
            else {
                throw fail(.notAnInteger(parameter: parameter, text: s))
            }
            return negative ? -magnitude : magnitude
        }

        let width: Int
        let integerBits: Int
        var quantization = QuantizationMode.truncate
        var overflow = OverflowMode.wrap
        var saturationBits = 0
        if isInteger {
            guard arguments.count == 1 else {
                throw fail(.wrongArgumentCount(typeName: name, expected: "1", found: arguments.count))
            }
            width = try integer(0, "width")
            integerBits = width
        } else {
            guard (2...5).contains(arguments.count) else {
                throw fail(.wrongArgumentCount(typeName: name, expected: "2 to 5", found: arguments.count))
            }
            width = try integer(0, "width")
            integerBits = try integer(1, "integer bits")
            if arguments.count > 2 {
                guard let q = QuantizationMode(apName: arguments[2]) else {
                    throw fail(.unknownQuantizationMode(arguments[2]))
                }
                quantization = q
            }
            if arguments.count > 3 {
                guard let o = OverflowMode(apName: arguments[3]) else {
                    throw fail(.unknownOverflowMode(arguments[3]))
                }
                overflow = o
            }
            if arguments.count > 4 {
                saturationBits = try integer(4, "saturation bits")
            }
        }
        if let problem = validate(
            width: width, integerBits: integerBits, isSigned: isSigned,
            overflow: overflow, saturationBits: saturationBits)
        {
            throw fail(.unsupported(problem))
        }
        return FixedPointType(
            width: width, integerBits: integerBits, isSigned: isSigned,
            quantization: quantization, overflow: overflow, saturationBits: saturationBits)
    }
}
