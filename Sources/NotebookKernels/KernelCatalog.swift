import ArchiveModel
import ArchiveNotebooks

/// The kernels the archive's notebooks can call.
public enum KernelCatalog {
    public static var standard: KernelRegistry {
        KernelRegistry([
            RegisteredKernel(JetSubstructureKernel()),
            RegisteredKernel(AutoencoderKernel()),
            RegisteredKernel(QuantizedMLPKernel()),
            RegisteredKernel(LundNetKernel()),
        ])
    }
}
