// What to say after a backup, check, export or import: pure wording, tested in node.

import { count } from './format.js';

/**
 * `result` is the command's answer (null when the person cancelled the dialog); `source`, for an
 * import, what was imported ("markdown" for a folder). → {message, tone}
 */
export function dataOutcome(action, result, source = null) {
  if (!result) return { message: '', tone: '' };
  switch (action) {
    case 'backup':
      return {
        message: `Backed up ${count(result.entries, 'entry', 'entries')} and ${count(result.partners, 'partner', 'partners')} to ${result.file.path}. It is encrypted; restore it with your recovery key or passphrase.`,
        tone: 'done',
      };
    case 'check':
      return { message: 'Every page of the vault reads back intact.', tone: 'done' };
    case 'export-json':
      return {
        message: `Exported everything to ${result.file.path}. It is plain text, readable only by you: keep it somewhere safe.`,
        tone: 'done',
      };
    case 'export-markdown':
      return {
        message: `Wrote ${count(result.files ?? 0, 'file', 'files')} into ${result.file.path}. They are plain text, readable only by you.`,
        tone: 'done',
      };
    case 'import': {
      const folder = source === 'markdown';
      const skipped = !result.skipped
        ? ''
        : folder
          ? ` ${count(result.skipped, 'file')} without text, or of meetings, ${result.skipped === 1 ? 'was' : 'were'} left out.`
          : ` ${count(result.skipped, 'entry', 'entries')} without text ${result.skipped === 1 ? 'was' : 'were'} left out.`;
      const links = result.partner_links ? `, ${count(result.partner_links, 'link', 'links')} to partners` : '';
      const partners = result.partners && result.rows === result.entries ? `, ${count(result.partners, 'new partner', 'new partners')}` : '';
      const undated = result.undated
        ? ` ${count(result.undated, 'note')} had no date of ${result.undated === 1 ? 'its' : 'their'} own and ${result.undated === 1 ? 'is' : 'are'} dated by ${result.undated === 1 ? 'its' : 'their'} file's last change.`
        : '';
      return {
        message: `Imported ${count(result.entries, 'entry', 'entries')}${links}${partners} from ${result.file_name}.${skipped}${undated}`,
        tone: 'done',
      };
    }
    default:
      return { message: '', tone: '' };
  }
}
