using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Itsm.Samples.Import;

/// <summary>
/// Opens the log to import: a CSV file as it is, the one file of a zip archive, or a gzip-compressed file, told apart by
/// their first bytes rather than their names (the BPI Challenge log is published zipped, and exports are often
/// compressed on their way from a service desk).
/// </summary>
public static class InputFile
{
    /// <summary>Opens <paramref name="path"/> for reading, decompressing a zip archive of one file or a gzip file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A stream of the log's text; disposing it closes the file.</returns>
    /// <exception cref="InvalidDataException">The file is a zip archive that does not hold exactly one file, or a damaged one.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[4];
            int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 4 && head.SequenceEqual("PK\u0003\u0004"u8))
            {
                ZipArchive archive;
                try
                {
                    archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"the input file '{path}' starts as a zip archive but cannot be read as one ({e.Message.TrimEnd('.')})", e);
                }

                // Folders, and the resource forks macOS's archiver adds beside every file, are not files of the log.
                var files = archive.Entries
                    .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                    .ToList();
                if (files.Count != 1)
                {
                    archive.Dispose();
                    throw new InvalidDataException(
                        $"the input file '{path}' is a zip archive of {files.Count} files; it is read when it holds one file (unzip it and name the CSV file)");
                }

                return new ArchivedFile(archive, files[0].Open());
            }

            if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
            {
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // The entry's stream, which also closes its archive (and so the file) when it is disposed.
    private sealed class ArchivedFile(ZipArchive archive, Stream entry) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => entry.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => entry.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            entry.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            entry.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                entry.Dispose();
                archive.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
