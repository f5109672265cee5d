using MimeKit;

namespace BillForU.Channels.Email;

/// <summary>
/// The notice's multipart/alternative body, rendered once per send. MailKit renders a message twice for BDAT — once to
/// measure it for the command, once to send it — and the bodies are most of it. The first render is kept and the
/// second writes those bytes. A render is reused only for the same <see cref="FormatOptions"/> instance (MailKit makes
/// one per send) and the same request (with or without the part's own headers), and until the notice is filled again.
/// The render goes to memory, so it is done synchronously even for an asynchronous write: MimeKit's asynchronous path
/// is a task and a state machine per part, stream and filter, for writes that never wait.
/// </summary>
internal sealed class RenderOnceAlternative : MultipartAlternative
{
    private readonly MemoryStream _rendered = new();
    private FormatOptions? _renderedWith;
    private bool _renderedContentOnly;

    /// <summary>The parts changed: the next write renders again.</summary>
    public void Changed() => _renderedWith = null;

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        Render(options, contentOnly, cancellationToken);
        stream.Write(_rendered.GetBuffer(), 0, (int)_rendered.Length);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        Render(options, contentOnly, cancellationToken);
        await stream.WriteAsync(_rendered.GetBuffer().AsMemory(0, (int)_rendered.Length), cancellationToken);
    }

    private void Render(FormatOptions options, bool contentOnly, CancellationToken cancellationToken)
    {
        if (!IsRendered(options, contentOnly))
        {
            _rendered.SetLength(0);
            base.WriteTo(options, _rendered, contentOnly, cancellationToken);
            (_renderedWith, _renderedContentOnly) = (options, contentOnly);
        }
    }

    private bool IsRendered(FormatOptions options, bool contentOnly) => ReferenceEquals(options, _renderedWith) && contentOnly == _renderedContentOnly;
}
