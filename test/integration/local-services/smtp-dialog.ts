import net from 'node:net';

/**
 * A bare SMTP client for what nodemailer will not do: skip the SIZE declaration, send an empty
 * MAIL FROM, read every reply. Each call sends one command and resolves with the full reply.
 */
export class SmtpDialog {
  private buffer = '';
  private waiting: ((reply: string) => void) | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data) => {
      this.buffer += data.toString('utf8');
      // A reply is complete at a line "NNN text" (a space, not a hyphen, after the code).
      const match = /(^|\r\n)\d{3}( [^\r\n]*)?\r\n/.exec(this.buffer);
      if (match && this.waiting) {
        const end = match.index + match[0].length;
        const reply = this.buffer.slice(0, end).replace(/^\r\n/, '');
        this.buffer = this.buffer.slice(end);
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(reply.trimEnd());
      }
    });
  }

  static async open(port: number, host = '127.0.0.1'): Promise<{ dialog: SmtpDialog; greeting: string }> {
    const socket = net.connect({ port, host });
    const dialog = new SmtpDialog(socket);
    const greeting = await dialog.reply();
    return { dialog, greeting };
  }

  private reply(): Promise<string> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  send(command: string | Buffer): Promise<string> {
    const reply = this.reply();
    this.socket.write(typeof command === 'string' ? `${command}\r\n` : command);
    return reply;
  }

  async quit(): Promise<void> {
    await this.send('QUIT');
    this.socket.end();
  }
}
