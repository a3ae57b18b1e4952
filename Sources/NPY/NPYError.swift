// Everything the `.npy` reader and writer refuse, each with the message a user sees.

import Foundation

/// Errors raised while reading or writing `.npy` data.
public enum NPYError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not start with "\x93NUMPY".
    case badMagic
    /// A format version other than 1.0 or 2.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The header dictionary could not be parsed or lacks a required key.
    case malformedHeader(String)
    /// A big-endian ('>') or native-order ('=') descriptor.
    case unsupportedByteOrder(String)
    /// A dtype other than '<f4', '<f8', '<i8'.
    case unsupportedDType(String)
    /// `fortran_order: True`.
    case fortranOrder
    /// Fewer bytes than the header announces.
    case truncated(expectedBytes: Int, availableBytes: Int)
    /// A shape that is negative, overflows, or does not match the data.
    case invalidShape(String)
    /// The header would not fit a version-1.0 file.
    case headerTooLarge(Int)
    /// An I/O failure (message from the system).
    case io(String)
    /// A NaN or infinite element where only numbers are allowed (flat index, C order).
    case nonFinite(index: Int, value: String)

    public var description: String {
        switch self {
        case .badMagic:
            return "not an .npy file (bad magic string; expected \\x93NUMPY)"
        case .unsupportedVersion(let major, let minor):
            return "unsupported .npy format version \(major).\(minor) (only 1.0 and 2.0 are read)"
        case .malformedHeader(let m):
            return "malformed .npy header: \(m)"
        case .unsupportedByteOrder(let d):
            return "unsupported byte order in dtype '\(d)' (only little-endian '<' is supported)"
        case .unsupportedDType(let d):
            return "unsupported dtype '\(d)' (supported: '<f4', '<f8', '<i8')"
        case .fortranOrder:
            return "Fortran-ordered arrays are not supported (fortran_order must be False)"
        case .truncated(let e, let a):
            return "truncated .npy data: expected \(e) bytes of array data, found \(a)"
        case .invalidShape(let m):
            return "invalid shape: \(m)"
        case .headerTooLarge(let n):
            return "header of \(n) bytes is too large for .npy format 1.0"
        case .io(let m):
            return "I/O error: \(m)"
        case .nonFinite(let index, let value):
            return "element \(index) is \(value); only finite numbers are accepted"
        }
    }
}
