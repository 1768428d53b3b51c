import type { StopStatusEvent } from '@tournee/shared';
import { useEffect, useRef, useState } from 'react';
import { onConnect } from '../../api/reconnect.ts';
import { dispatchSocket } from '../../api/socket.ts';

/**
 * Calls `onChange` when the order may have changed elsewhere: its driver sent a stop event, or
 * a route of one of `days` changed or was published (it may now hold, or no longer hold, the
 * order). Follows those days' rooms on the dispatch socket while the order is open; after a
 * reconnection asks once more, since events sent meanwhile are not replayed. Answers whether
 * every room has been joined (from then on, no change is missed).
 */
export function useOrderLive(orderId: string, days: string[], onChange: () => void): boolean {
  const [following, setFollowing] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;
  const key = [...new Set(days)].sort().join(',');
  useEffect(() => {
    const list = key ? key.split(',') : [];
    if (list.length === 0) return;
    const socket = dispatchSocket();
    let live = true;
    const join = (then?: () => void) => {
      let pending = list.length;
      for (const d of list)
        socket.emit('day:join', d, () => {
          if (--pending > 0 || !live) return;
          setFollowing(true);
          then?.();
        });
    };
    join();
    const stopConnect = onConnect(socket, (reconnected) => join(reconnected ? () => changed.current() : undefined));
    const onStop = (e: StopStatusEvent) => e.orderId === orderId && changed.current();
    const onRoute = (e: { localDate: string }) => list.includes(e.localDate) && changed.current();
    socket.on('stop:status', onStop);
    socket.on('route:changed', onRoute);
    socket.on('route:published', onRoute);
    return () => {
      live = false;
      setFollowing(false);
      for (const d of list) socket.emit('day:leave', d, () => {});
      stopConnect();
      socket.off('stop:status', onStop);
      socket.off('route:changed', onRoute);
      socket.off('route:published', onRoute);
    };
  }, [orderId, key]);
  return following;
}
