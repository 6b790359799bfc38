import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

/** "Are you sure?" for what cannot be undone: the dangerous button says exactly what it does. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  testId?: string;
}) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onCancel}
      alert
      testId={props.testId ?? 'confirm-dialog'}
      footer={
        <>
          <Button onClick={props.onCancel} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={props.busy ?? false}
            onClick={props.onConfirm}
            data-testid="confirm-button"
          >
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      {props.children}
    </Dialog>
  );
}
