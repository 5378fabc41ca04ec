/** A short tone through Web Audio: high for a scan taken, low and longer for one to look at. */
let context: AudioContext | null = null;

export function beep(ok: boolean): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = ok ? 1760 : 220;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(context.destination);
    const now = context.currentTime;
    oscillator.start(now);
    oscillator.stop(now + (ok ? 0.08 : 0.35));
  } catch {
    // No audio device (or the page may not play yet): the visible confirmation stands alone.
  }
}
