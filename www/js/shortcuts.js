// Keyboard shortcuts for presenting: space plays or pauses, → steps, r
// resets, 1–3 switch lab, ? lists the shortcuts. Keys typed into a text box,
// a number box or a list are left to it.

const $ = (id) => document.getElementById(id);

function typingInto(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'range'].includes(target.type);
}

/** `lab()` is the visible lab's controller; `goToLab(i)` shows lab i (0-based). */
export function wireShortcuts({ lab, goToLab }) {
  const dialog = $('shortcuts');
  $('shortcuts-open').addEventListener('click', () => dialog.showModal());
  $('shortcuts-close').addEventListener('click', () => dialog.close());
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
    if (document.querySelector('dialog[open]') && e.key !== '?') return;
    const onButton = e.target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(e.target.tagName);
    const range = e.target instanceof HTMLInputElement && e.target.type === 'range';
    switch (e.key) {
      case ' ':
        if (onButton) return; // Space presses the focused button.
        lab()?.shortcut?.('play');
        break;
      case 'ArrowRight':
        if (range || e.target?.getAttribute?.('role') === 'tab') return; // Arrows move sliders and tabs.
        lab()?.shortcut?.('step');
        break;
      case 'r':
      case 'R':
        lab()?.shortcut?.('reset');
        break;
      case '1':
      case '2':
      case '3':
        goToLab(Number(e.key) - 1);
        break;
      case '?':
        if (dialog.open) dialog.close();
        else dialog.showModal();
        break;
      default:
        return;
    }
    e.preventDefault();
  });
}
