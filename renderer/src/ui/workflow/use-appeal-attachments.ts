// The open appeal's attachments, kept current from IndexedDB, for the answer's proof check.
import { useEffect, useState } from 'react';
import type { Attachment } from '../../../../shared/attachments.js';
import { db } from '../../data/db.js';
import { watchAttachments } from '../../data/workflow/appeal-attachments.js';

export function useAppealAttachments(appealId: string): readonly Attachment[] {
  const [rows, setRows] = useState<readonly Attachment[]>([]);
  useEffect(() => {
    setRows([]);
    return watchAttachments(db, appealId, setRows);
  }, [appealId]);
  return rows;
}
