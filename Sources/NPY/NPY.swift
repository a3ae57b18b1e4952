// NPY: a small reader/writer for NumPy's `.npy` format.
//
// Supported:
//   * reading format versions 1.0 and 2.0 (header length as little-endian
//     UInt16 resp. UInt32; header is an ASCII Python dict literal);
//   * writing format version 1.0 (header padded with spaces and a final
//     newline so that the data starts at a multiple of 64 bytes, as NumPy does);
//   * little-endian dtypes '<f4' (Float), '<f8' (Double), '<i8' (Int64);
//   * C (row-major) order only.
//
// Everything else is rejected with a specific `NPYError`: bad magic, other
// format versions, big-endian or native-order ('>', '=') descriptors, other
// dtypes, `fortran_order: True`, malformed headers, and truncated data.
// Trailing bytes after the data are tolerated (NumPy itself ignores them).

import Foundation

/// Reading and writing `.npy` files.
public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
}
