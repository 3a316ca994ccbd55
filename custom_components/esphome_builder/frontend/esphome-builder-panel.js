// ESPHome Builder panel. Generated from frontend/src by frontend/build.mjs: do not edit.
var dt=Object.defineProperty;var pt=Object.getOwnPropertyDescriptor;var c=(i,e,t,r)=>{for(var o=r>1?void 0:r?pt(e,t):e,s=i.length-1,n;s>=0;s--)(n=i[s])&&(o=(r?n(e,t,o):n(o))||o);return r&&o&&dt(e,t,o),o};var se=globalThis,ne=se.ShadowRoot&&(se.ShadyCSS===void 0||se.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ue=Symbol(),Te=new WeakMap,Y=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==ue)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(ne&&e===void 0){let r=t!==void 0&&t.length===1;r&&(e=Te.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),r&&Te.set(t,e))}return e}toString(){return this.cssText}},Re=i=>new Y(typeof i=="string"?i:i+"",void 0,ue),v=(i,...e)=>{let t=i.length===1?i[0]:e.reduce((r,o,s)=>r+(n=>{if(n._$cssResult$===!0)return n.cssText;if(typeof n=="number")return n;throw Error("Value passed to 'css' function must be a 'css' function result: "+n+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(o)+i[s+1],i[0]);return new Y(t,i,ue)},Pe=(i,e)=>{if(ne)i.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let r=document.createElement("style"),o=se.litNonce;o!==void 0&&r.setAttribute("nonce",o),r.textContent=t.cssText,i.appendChild(r)}},fe=ne?i=>i:i=>i instanceof CSSStyleSheet?(e=>{let t="";for(let r of e.cssRules)t+=r.cssText;return Re(t)})(i):i;var{is:ht,defineProperty:ut,getOwnPropertyDescriptor:ft,getOwnPropertyNames:bt,getOwnPropertySymbols:gt,getPrototypeOf:mt}=Object,ae=globalThis,Oe=ae.trustedTypes,vt=Oe?Oe.emptyScript:"",_t=ae.reactiveElementPolyfillSupport,G=(i,e)=>i,X={toAttribute(i,e){switch(e){case Boolean:i=i?vt:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,e){let t=i;switch(e){case Boolean:t=i!==null;break;case Number:t=i===null?null:Number(i);break;case Object:case Array:try{t=JSON.parse(i)}catch{t=null}}return t}},le=(i,e)=>!ht(i,e),Ne={attribute:!0,type:String,converter:X,reflect:!1,useDefault:!1,hasChanged:le};Symbol.metadata??=Symbol("metadata"),ae.litPropertyMetadata??=new WeakMap;var E=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Ne){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let r=Symbol(),o=this.getPropertyDescriptor(e,r,t);o!==void 0&&ut(this.prototype,e,o)}}static getPropertyDescriptor(e,t,r){let{get:o,set:s}=ft(this.prototype,e)??{get(){return this[t]},set(n){this[t]=n}};return{get:o,set(n){let p=o?.call(this);s?.call(this,n),this.requestUpdate(e,p,r)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Ne}static _$Ei(){if(this.hasOwnProperty(G("elementProperties")))return;let e=mt(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(G("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(G("properties"))){let t=this.properties,r=[...bt(t),...gt(t)];for(let o of r)this.createProperty(o,t[o])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[r,o]of t)this.elementProperties.set(r,o)}this._$Eh=new Map;for(let[t,r]of this.elementProperties){let o=this._$Eu(t,r);o!==void 0&&this._$Eh.set(o,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let r=new Set(e.flat(1/0).reverse());for(let o of r)t.unshift(fe(o))}else e!==void 0&&t.push(fe(e));return t}static _$Eu(e,t){let r=t.attribute;return r===!1?void 0:typeof r=="string"?r:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let r of t.keys())this.hasOwnProperty(r)&&(e.set(r,this[r]),delete this[r]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Pe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,r){this._$AK(e,r)}_$ET(e,t){let r=this.constructor.elementProperties.get(e),o=this.constructor._$Eu(e,r);if(o!==void 0&&r.reflect===!0){let s=(r.converter?.toAttribute!==void 0?r.converter:X).toAttribute(t,r.type);this._$Em=e,s==null?this.removeAttribute(o):this.setAttribute(o,s),this._$Em=null}}_$AK(e,t){let r=this.constructor,o=r._$Eh.get(e);if(o!==void 0&&this._$Em!==o){let s=r.getPropertyOptions(o),n=typeof s.converter=="function"?{fromAttribute:s.converter}:s.converter?.fromAttribute!==void 0?s.converter:X;this._$Em=o;let p=n.fromAttribute(t,s.type);this[o]=p??this._$Ej?.get(o)??p,this._$Em=null}}requestUpdate(e,t,r,o=!1,s){if(e!==void 0){let n=this.constructor;if(o===!1&&(s=this[e]),r??=n.getPropertyOptions(e),!((r.hasChanged??le)(s,t)||r.useDefault&&r.reflect&&s===this._$Ej?.get(e)&&!this.hasAttribute(n._$Eu(e,r))))return;this.C(e,t,r)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:r,reflect:o,wrapped:s},n){r&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,n??t??this[e]),s!==!0||n!==void 0)||(this._$AL.has(e)||(this.hasUpdated||r||(t=void 0),this._$AL.set(e,t)),o===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[o,s]of this._$Ep)this[o]=s;this._$Ep=void 0}let r=this.constructor.elementProperties;if(r.size>0)for(let[o,s]of r){let{wrapped:n}=s,p=this[o];n!==!0||this._$AL.has(o)||p===void 0||this.C(o,void 0,s,p)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(r=>r.hostUpdate?.()),this.update(t)):this._$EM()}catch(r){throw e=!1,this._$EM(),r}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};E.elementStyles=[],E.shadowRootOptions={mode:"open"},E[G("elementProperties")]=new Map,E[G("finalized")]=new Map,_t?.({ReactiveElement:E}),(ae.reactiveElementVersions??=[]).push("2.1.2");var ye=globalThis,He=i=>i,ce=ye.trustedTypes,Ie=ce?ce.createPolicy("lit-html",{createHTML:i=>i}):void 0,Ve="$lit$",P=`lit$${Math.random().toFixed(9).slice(2)}$`,Fe="?"+P,xt=`<${Fe}>`,H=document,ee=()=>H.createComment(""),te=i=>i===null||typeof i!="object"&&typeof i!="function",$e=Array.isArray,yt=i=>$e(i)||typeof i?.[Symbol.iterator]=="function",be=`[ 	
\f\r]`,Q=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,De=/-->/g,Ue=/>/g,O=RegExp(`>|${be}(?:([^\\s"'>=/]+)(${be}*=${be}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Je=/'/g,ze=/"/g,We=/^(?:script|style|textarea|title)$/i,we=i=>(e,...t)=>({_$litType$:i,strings:e,values:t}),l=we(1),tr=we(2),rr=we(3),I=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),qe=new WeakMap,N=H.createTreeWalker(H,129);function Ke(i,e){if(!$e(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ie!==void 0?Ie.createHTML(e):e}var $t=(i,e)=>{let t=i.length-1,r=[],o,s=e===2?"<svg>":e===3?"<math>":"",n=Q;for(let p=0;p<t;p++){let a=i[p],u,m,f=-1,C=0;for(;C<a.length&&(n.lastIndex=C,m=n.exec(a),m!==null);)C=n.lastIndex,n===Q?m[1]==="!--"?n=De:m[1]!==void 0?n=Ue:m[2]!==void 0?(We.test(m[2])&&(o=RegExp("</"+m[2],"g")),n=O):m[3]!==void 0&&(n=O):n===O?m[0]===">"?(n=o??Q,f=-1):m[1]===void 0?f=-2:(f=n.lastIndex-m[2].length,u=m[1],n=m[3]===void 0?O:m[3]==='"'?ze:Je):n===ze||n===Je?n=O:n===De||n===Ue?n=Q:(n=O,o=void 0);let R=n===O&&i[p+1].startsWith("/>")?" ":"";s+=n===Q?a+xt:f>=0?(r.push(u),a.slice(0,f)+Ve+a.slice(f)+P+R):a+P+(f===-2?p:R)}return[Ke(i,s+(i[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),r]},re=class i{constructor({strings:e,_$litType$:t},r){let o;this.parts=[];let s=0,n=0,p=e.length-1,a=this.parts,[u,m]=$t(e,t);if(this.el=i.createElement(u,r),N.currentNode=this.el.content,t===2||t===3){let f=this.el.content.firstChild;f.replaceWith(...f.childNodes)}for(;(o=N.nextNode())!==null&&a.length<p;){if(o.nodeType===1){if(o.hasAttributes())for(let f of o.getAttributeNames())if(f.endsWith(Ve)){let C=m[n++],R=o.getAttribute(f).split(P),oe=/([.?@])?(.*)/.exec(C);a.push({type:1,index:s,name:oe[2],strings:R,ctor:oe[1]==="."?me:oe[1]==="?"?ve:oe[1]==="@"?_e:J}),o.removeAttribute(f)}else f.startsWith(P)&&(a.push({type:6,index:s}),o.removeAttribute(f));if(We.test(o.tagName)){let f=o.textContent.split(P),C=f.length-1;if(C>0){o.textContent=ce?ce.emptyScript:"";for(let R=0;R<C;R++)o.append(f[R],ee()),N.nextNode(),a.push({type:2,index:++s});o.append(f[C],ee())}}}else if(o.nodeType===8)if(o.data===Fe)a.push({type:2,index:s});else{let f=-1;for(;(f=o.data.indexOf(P,f+1))!==-1;)a.push({type:7,index:s}),f+=P.length-1}s++}}static createElement(e,t){let r=H.createElement("template");return r.innerHTML=e,r}};function U(i,e,t=i,r){if(e===I)return e;let o=r!==void 0?t._$Co?.[r]:t._$Cl,s=te(e)?void 0:e._$litDirective$;return o?.constructor!==s&&(o?._$AO?.(!1),s===void 0?o=void 0:(o=new s(i),o._$AT(i,t,r)),r!==void 0?(t._$Co??=[])[r]=o:t._$Cl=o),o!==void 0&&(e=U(i,o._$AS(i,e.values),o,r)),e}var ge=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:r}=this._$AD,o=(e?.creationScope??H).importNode(t,!0);N.currentNode=o;let s=N.nextNode(),n=0,p=0,a=r[0];for(;a!==void 0;){if(n===a.index){let u;a.type===2?u=new ie(s,s.nextSibling,this,e):a.type===1?u=new a.ctor(s,a.name,a.strings,this,e):a.type===6&&(u=new xe(s,this,e)),this._$AV.push(u),a=r[++p]}n!==a?.index&&(s=N.nextNode(),n++)}return N.currentNode=H,o}p(e){let t=0;for(let r of this._$AV)r!==void 0&&(r.strings!==void 0?(r._$AI(e,r,t),t+=r.strings.length-2):r._$AI(e[t])),t++}},ie=class i{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,r,o){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=r,this.options=o,this._$Cv=o?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=U(this,e,t),te(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==I&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):yt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&te(this._$AH)?this._$AA.nextSibling.data=e:this.T(H.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:r}=e,o=typeof r=="number"?this._$AC(e):(r.el===void 0&&(r.el=re.createElement(Ke(r.h,r.h[0]),this.options)),r);if(this._$AH?._$AD===o)this._$AH.p(t);else{let s=new ge(o,this),n=s.u(this.options);s.p(t),this.T(n),this._$AH=s}}_$AC(e){let t=qe.get(e.strings);return t===void 0&&qe.set(e.strings,t=new re(e)),t}k(e){$e(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,r,o=0;for(let s of e)o===t.length?t.push(r=new i(this.O(ee()),this.O(ee()),this,this.options)):r=t[o],r._$AI(s),o++;o<t.length&&(this._$AR(r&&r._$AB.nextSibling,o),t.length=o)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let r=He(e).nextSibling;He(e).remove(),e=r}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},J=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,r,o,s){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=o,this.options=s,r.length>2||r[0]!==""||r[1]!==""?(this._$AH=Array(r.length-1).fill(new String),this.strings=r):this._$AH=d}_$AI(e,t=this,r,o){let s=this.strings,n=!1;if(s===void 0)e=U(this,e,t,0),n=!te(e)||e!==this._$AH&&e!==I,n&&(this._$AH=e);else{let p=e,a,u;for(e=s[0],a=0;a<s.length-1;a++)u=U(this,p[r+a],t,a),u===I&&(u=this._$AH[a]),n||=!te(u)||u!==this._$AH[a],u===d?e=d:e!==d&&(e+=(u??"")+s[a+1]),this._$AH[a]=u}n&&!o&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},me=class extends J{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},ve=class extends J{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},_e=class extends J{constructor(e,t,r,o,s){super(e,t,r,o,s),this.type=5}_$AI(e,t=this){if((e=U(this,e,t,0)??d)===I)return;let r=this._$AH,o=e===d&&r!==d||e.capture!==r.capture||e.once!==r.once||e.passive!==r.passive,s=e!==d&&(r===d||o);o&&this.element.removeEventListener(this.name,this,r),s&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},xe=class{constructor(e,t,r){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=r}get _$AU(){return this._$AM._$AU}_$AI(e){U(this,e)}};var wt=ye.litHtmlPolyfillSupport;wt?.(re,ie),(ye.litHtmlVersions??=[]).push("3.3.3");var Ze=(i,e,t)=>{let r=t?.renderBefore??e,o=r._$litPart$;if(o===void 0){let s=t?.renderBefore??null;r._$litPart$=o=new ie(e.insertBefore(ee(),s),s,void 0,t??{})}return o._$AI(i),o};var Ae=globalThis,g=class extends E{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ze(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return I}};g._$litElement$=!0,g.finalized=!0,Ae.litElementHydrateSupport?.({LitElement:g});var At=Ae.litElementPolyfillSupport;At?.({LitElement:g});(Ae.litElementVersions??=[]).push("4.2.2");var kt={attribute:!0,type:String,converter:X,reflect:!1,hasChanged:le},St=(i=kt,e,t)=>{let{kind:r,metadata:o}=t,s=globalThis.litPropertyMetadata.get(o);if(s===void 0&&globalThis.litPropertyMetadata.set(o,s=new Map),r==="setter"&&((i=Object.create(i)).wrapped=!0),s.set(t.name,i),r==="accessor"){let{name:n}=t;return{set(p){let a=e.get.call(this);e.set.call(this,p),this.requestUpdate(n,a,i,!0,p)},init(p){return p!==void 0&&this.C(n,void 0,i,p),p}}}if(r==="setter"){let{name:n}=t;return function(p){let a=this[n];e.call(this,p),this.requestUpdate(n,a,i,!0,p)}}throw Error("Unsupported decorator location: "+r)};function h(i){return(e,t)=>typeof t=="object"?St(i,e,t):((r,o,s)=>{let n=o.hasOwnProperty(s);return o.constructor.createProperty(s,r),n?Object.getOwnPropertyDescriptor(o,s):void 0})(i,e,t)}function b(i){return h({...i,state:!0,attribute:!1})}var D=(i,e,t)=>(t.configurable=!0,t.enumerable=!0,Reflect.decorate&&typeof e!="object"&&Object.defineProperty(i,e,t),t);function j(i,e){return(t,r,o)=>{let s=n=>n.renderRoot?.querySelector(i)??null;if(e){let{get:n,set:p}=typeof r=="object"?t:o??(()=>{let a=Symbol();return{get(){return this[a]},set(u){this[a]=u}}})();return D(t,r,{get(){let a=n.call(this);return a===void 0&&(a=s(this),(a!==null||this.hasUpdated)&&p.call(this,a)),a}})}return D(t,r,{get(){return s(this)}})}}var Ct=new Set(["completed","failed","cancelled"]);function _(i){return Ct.has(i.status)}function q(i){return i&&typeof i=="object"&&"message"in i?String(i.message):String(i)}var ke={startJob:(i,e,t,r)=>i.sendMessagePromise({type:"esphome_builder/jobs/start",action:e,configuration:t,...r?{device:r}:{}}),cancelJob:(i,e)=>i.sendMessagePromise({type:"esphome_builder/jobs/cancel",job_id:e})},z=class{constructor(e,t,r,o=()=>{},s=()=>!1){this._conn=e;this._message=t;this._onMessage=r;this._onState=o;this._isFatal=s;this.state="connecting";this.lastError=null;this._unsub=null;this._generation=0;this._timer=null;this._attempt=0;this._stopped=!1;this._onReady=()=>{this._stopped||this.state==="ended"||(this._attempt=0,this._subscribe())};this._onDisconnected=()=>{this._generation++,this._unsub=null,this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._setState("retrying")};this._conn.addEventListener("ready",this._onReady),this._conn.addEventListener("disconnected",this._onDisconnected),this._subscribe()}restart(){this._stopped||(this._release(),this._subscribe())}end(){this._stopped||(this._setState("ended"),this.stop())}stop(){this._stopped||(this._stopped=!0,this._conn.removeEventListener("ready",this._onReady),this._conn.removeEventListener("disconnected",this._onDisconnected),this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._release())}_release(){this._generation++;let e=this._unsub;this._unsub=null,e&&e().catch(()=>{})}async _subscribe(){if(this._stopped)return;this._timer!==null&&clearTimeout(this._timer),this._timer=null;let e=++this._generation;this.state!=="live"&&this._setState("connecting");try{let t=await this._conn.subscribeMessage(r=>{e===this._generation&&!this._stopped&&this._onMessage(r)},this._message,{resubscribe:!1});if(e!==this._generation||this._stopped){this._conn.connected&&t().catch(()=>{});return}this._unsub=t,this._attempt=0,this.lastError=null,this.state!=="ended"&&this._setState("live")}catch(t){if(e!==this._generation||this._stopped)return;if(this.lastError=q(t),this._isFatal(t)){this._setState("ended"),this.stop();return}if(this._setState("retrying"),this._conn.connected){let r=Math.min(1e3*2**this._attempt++,1e4);this._timer=setTimeout(()=>{this._subscribe()},r)}}}_setState(e){this.state=e,this._onState(this)}};var Et={queued:"Queued",running:"Running",completed:"Completed",failed:"Failed",cancelled:"Cancelled"};function V(i){return l`<span class="chip ${i.status}" data-status=${i.status}>${Et[i.status]??i.status}</span>`}function F(i){if(_(i))return d;let e=Math.max(0,Math.min(100,i.progress||0)),t=i.status==="queued"||e===0;return l`<div
    class="progress ${t?"indeterminate":""}"
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${t?d:e}
  >
    <div style="width:${e}%"></div>
  </div>`}var Be=v`
  :host {
    --eb-log-bg: var(--esphome-builder-log-background, #fbfbfb);
    --eb-log-fg: var(--esphome-builder-log-color, #1f2328);
    --eb-marker-bg: rgba(127, 127, 127, 0.14);
    --eb-marker-fg: var(--secondary-text-color, #666);
    --eb-c0: #000000;
    --eb-c1: #c4262e;
    --eb-c2: #107c10;
    --eb-c3: #8a6d00;
    --eb-c4: #0451a5;
    --eb-c5: #a626a4;
    --eb-c6: #0e7490;
    --eb-c7: #5c5c5c;
    --eb-c8: #6e6e6e;
    --eb-c9: #e01b24;
    --eb-c10: #138a13;
    --eb-c11: #9a7b00;
    --eb-c12: #1a66c8;
    --eb-c13: #c030c0;
    --eb-c14: #0f8aa5;
    --eb-c15: #333333;
  }
  :host([dark]) {
    --eb-log-bg: var(--esphome-builder-log-background, #121212);
    --eb-log-fg: var(--esphome-builder-log-color, #d4d4d4);
    --eb-c0: #5a5a5a;
    --eb-c1: #f14c4c;
    --eb-c2: #23d18b;
    --eb-c3: #e5e510;
    --eb-c4: #3b8eea;
    --eb-c5: #d670d6;
    --eb-c6: #29b8db;
    --eb-c7: #cccccc;
    --eb-c8: #808080;
    --eb-c9: #ff6b6b;
    --eb-c10: #3ee6a0;
    --eb-c11: #f5f543;
    --eb-c12: #6aaaf2;
    --eb-c13: #e38de3;
    --eb-c14: #5fd0ec;
    --eb-c15: #f0f0f0;
  }
  .f0 { color: var(--eb-c0); } .f1 { color: var(--eb-c1); } .f2 { color: var(--eb-c2); }
  .f3 { color: var(--eb-c3); } .f4 { color: var(--eb-c4); } .f5 { color: var(--eb-c5); }
  .f6 { color: var(--eb-c6); } .f7 { color: var(--eb-c7); } .f8 { color: var(--eb-c8); }
  .f9 { color: var(--eb-c9); } .f10 { color: var(--eb-c10); } .f11 { color: var(--eb-c11); }
  .f12 { color: var(--eb-c12); } .f13 { color: var(--eb-c13); } .f14 { color: var(--eb-c14); }
  .f15 { color: var(--eb-c15); }
  .b0 { background: var(--eb-c0); } .b1 { background: var(--eb-c1); } .b2 { background: var(--eb-c2); }
  .b3 { background: var(--eb-c3); } .b4 { background: var(--eb-c4); } .b5 { background: var(--eb-c5); }
  .b6 { background: var(--eb-c6); } .b7 { background: var(--eb-c7); } .b8 { background: var(--eb-c8); }
  .b9 { background: var(--eb-c9); } .b10 { background: var(--eb-c10); } .b11 { background: var(--eb-c11); }
  .b12 { background: var(--eb-c12); } .b13 { background: var(--eb-c13); } .b14 { background: var(--eb-c14); }
  .b15 { background: var(--eb-c15); }
  .fi { color: var(--eb-log-bg); }
  .bi { background: var(--eb-log-fg); }
  .bo { font-weight: 700; }
  .dm { opacity: 0.7; }
  .it { font-style: italic; }
  .un { text-decoration: underline; }
  .st { text-decoration: line-through; }
  .un.st { text-decoration: underline line-through; }
  /* ESPHome's log levels, for lines that carry no colour of their own. */
  .lv-e { color: var(--eb-c1); font-weight: 700; }
  .lv-w { color: var(--eb-c3); font-weight: 700; }
  .lv-i { color: var(--eb-c2); }
  .lv-c { color: var(--eb-c5); }
  .lv-d { color: var(--eb-c6); }
  .lv-v { color: var(--eb-c7); }
  .lv-s { color: var(--eb-c2); font-weight: 700; }
`,S=v`
  :host {
    color: var(--primary-text-color);
  }
  button.eb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: 16px;
    background: transparent;
    color: var(--primary-color);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  button.eb:hover:not([disabled]) {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.08);
  }
  button.eb:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  button.eb[disabled] {
    color: var(--disabled-text-color, #999);
    cursor: default;
  }
  button.eb.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  button.eb.danger {
    color: var(--error-color, #db4437);
  }
  .card {
    background: var(--card-background-color, var(--ha-card-background, #fff));
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    background: rgba(127, 127, 127, 0.15);
    color: var(--primary-text-color);
  }
  .chip.running,
  .chip.queued {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.15);
    color: var(--primary-color);
  }
  .chip.completed {
    background: rgba(var(--rgb-success-color, 67, 160, 71), 0.15);
    color: var(--success-color, #43a047);
  }
  .chip.failed {
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.15);
    color: var(--error-color, #db4437);
  }
  .chip.cancelled {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.15);
    color: var(--warning-color, #ffa600);
  }
  .progress {
    height: 4px;
    border-radius: 2px;
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.18);
    overflow: hidden;
  }
  .progress > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.3s ease;
  }
  .progress.indeterminate > div {
    width: 30% !important;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from { transform: translateX(-100%); }
    to { transform: translateX(340%); }
  }
  .secondary {
    color: var(--secondary-text-color);
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--secondary-text-color);
  }
`;function jt(i){if(!Number.isFinite(i)||i<0)return"";let e=Math.floor(i/1e3);if(e<60)return`${e}s`;let t=Math.floor(e/60);return t<60?`${t}m ${String(e%60).padStart(2,"0")}s`:`${Math.floor(t/60)}h ${String(t%60).padStart(2,"0")}m`}function W(i,e){let t=Date.parse(i.started_at??i.created_at);if(Number.isNaN(t))return"";let r=i.finished_at?Date.parse(i.finished_at):e;return jt(r-t)}function de(i,e){if(!i)return"";let t=new Date(i);if(Number.isNaN(t.getTime()))return"";let r=new Date().toDateString()===t.toDateString();return t.toLocaleString(e,r?{timeStyle:"short"}:{dateStyle:"short",timeStyle:"short"})}var L={validate:"Validate",compile:"Compile",upload:"Upload",install:"Install",clean:"Clean",logs:"Logs"};function K(i,e=!1){e?history.replaceState(null,"",i):history.pushState(null,"",i),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:e}}))}function Z(i,e){i.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:e},bubbles:!0,composed:!0}))}async function Ye(i){if(navigator.clipboard&&window.isSecureContext){await navigator.clipboard.writeText(i);return}let e=document.createElement("textarea");e.value=i,e.setAttribute("readonly",""),e.style.position="fixed",e.style.opacity="0",document.body.appendChild(e),e.select();try{if(!document.execCommand("copy"))throw new Error("copy refused")}finally{e.remove()}}function Ge(i,e){let t=URL.createObjectURL(new Blob([e],{type:"text/plain;charset=utf-8"})),r=document.createElement("a");r.href=t,r.download=i,document.body.appendChild(r),r.click(),r.remove(),setTimeout(()=>URL.revokeObjectURL(t),1e4)}function $(i,e){customElements.get(i)||customElements.define(i,e)}var Lt=["validate","install","compile","clean","logs"];function Se(i){return i.friendly_name||i.name||i.configuration}var M=class extends g{constructor(){super(...arguments);this.devices=[];this.latest=new Map;this.now=Date.now();this.loading=!1;this._filter=""}_matches(t,r){let o=[t.friendly_name,t.name,t.configuration,t.platform].filter(Boolean).join(" ").toLowerCase();return r.every(s=>o.includes(s))}_fire(t,r){this.dispatchEvent(new CustomEvent(t,{detail:r,bubbles:!0,composed:!0}))}render(){let t=this._filter.toLowerCase().split(/\s+/).filter(Boolean),r=[...this.devices].sort((o,s)=>Se(o).localeCompare(Se(s))).filter(o=>this._matches(o,t));return l`
      <div class="filter">
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z" /></svg>
        <input type="search" placeholder="Filter devices" aria-label="Filter devices" .value=${this._filter}
          @input=${o=>this._filter=o.target.value} />
      </div>
      ${r.length?l`<div class="grid">${r.map(o=>this._renderDevice(o))}</div>`:l`<div class="empty">
            ${this.loading?"Loading…":this.devices.length?"No device matches the filter.":"No configurations yet. Put your device YAML files into the configurations folder."}
          </div>`}
    `}_renderDevice(t){let r=this.latest.get(t.configuration),o=t.ha_device_id!=null,s=t.online===!0?!0:o&&t.online===!1?!1:null,n=s===!0?"Online":s===!1?"Offline":"Not in HA",p=r!==void 0&&!_(r);return l`
      <div class="card device" data-configuration=${t.configuration}>
        <div class="head">
          <div class="names">
            <div class="title">${Se(t)}</div>
            <div class="secondary">${t.configuration}${t.platform?l` · <span class="platform">${t.platform}</span>`:d}${t.remote?l` · <span class="remote" title="Only on a remote builder">remote on ${(t.builders??[]).join(", ")}</span>`:d}</div>
          </div>
          <span class="online ${s===!0?"on":s===!1?"off":"unknown"}"
            title=${s==null?"Not known to Home Assistant's ESPHome integration":n}>
            <span class="dot"></span>${n}
          </span>
        </div>
        ${r?l`<button class="job" @click=${()=>this._fire("eb-open-job",r.job_id)} title="Show the log">
              <span class="job-line">
                <span>${L[r.action]??r.action}</span>
                ${V(r)}
                <span class="secondary">${W(r,this.now)}</span>
                ${p&&r.progress?l`<span class="secondary">${r.progress}%</span>`:d}
              </span>
              ${F(r)}
            </button>`:l`<div class="job none secondary">No job yet</div>`}
        <div class="actions">
          ${Lt.map(a=>l`<button class="eb ${a==="install"?"primary":""}" data-action=${a}
              @click=${()=>this._fire("eb-action",{action:a,configuration:t.configuration})}>
              ${L[a]}${a==="install"||a==="logs"?"…":""}
            </button>`)}
        </div>
      </div>
    `}};M.styles=[S,v`
      :host {
        display: block;
      }
      .filter {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 0 0 16px;
        padding: 0 12px;
        height: 44px;
        border-radius: 22px;
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
      }
      .filter svg {
        width: 20px;
        height: 20px;
        fill: var(--secondary-text-color);
        flex: none;
      }
      .filter input {
        flex: 1;
        min-width: 0;
        border: none;
        outline: none;
        background: transparent;
        color: var(--primary-text-color);
        font: inherit;
        font-size: 15px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr));
        gap: 16px;
      }
      .device {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      .names {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-size: 16px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .secondary {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .online {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--secondary-text-color);
        white-space: nowrap;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--disabled-text-color, #999);
      }
      .online.on .dot {
        background: var(--success-color, #43a047);
      }
      .online.off .dot {
        background: var(--error-color, #db4437);
      }
      .job {
        display: flex;
        flex-direction: column;
        gap: 6px;
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: none;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .job.none {
        cursor: default;
        font-size: 13px;
      }
      .job-line {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `],c([h({attribute:!1})],M.prototype,"devices",2),c([h({attribute:!1})],M.prototype,"latest",2),c([h({type:Number})],M.prototype,"now",2),c([h({type:Boolean})],M.prototype,"loading",2),c([b()],M.prototype,"_filter",2);$("esphome-builder-devices",M);function B(){return{fg:null,bg:null,bold:!1,dim:!1,italic:!1,underline:!1,inverse:!1,strike:!1}}function Mt(i){return i.fg===null&&i.bg===null&&!i.bold&&!i.dim&&!i.italic&&!i.underline&&!i.inverse&&!i.strike}var Xe=/\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|$)/g,Qe=/[\x00-\x08\x0a-\x1f\x7f]/g;function Tt(i){if(i>=232){let r=8+(i-232)*10;return`rgb(${r},${r},${r})`}let e=i-16,t=r=>r===0?0:55+r*40;return`rgb(${t(Math.floor(e/36))},${t(Math.floor(e/6)%6)},${t(e%6)})`}function Rt(i){return Math.max(0,Math.min(255,Number.isFinite(i)?i:0))}function Pt(i,e){let t=i[e];if(t===5&&e+1<i.length){let r=i[e+1];return r<0||r>255?{colour:null,used:2}:{colour:r<16?r:Tt(r),used:2}}if(t===2&&e+3<i.length){let[r,o,s]=[i[e+1],i[e+2],i[e+3]].map(Rt);return{colour:`rgb(${r},${o},${s})`,used:4}}return{colour:null,used:i.length-e}}function Ot(i,e){let t=e===""?[0]:e.split(/[;:]/).map(r=>r===""?0:Number(r));for(let r=0;r<t.length;r++){let o=t[r];if(o===0)Object.assign(i,B());else if(o===1)i.bold=!0;else if(o===2)i.dim=!0;else if(o===3)i.italic=!0;else if(o===4)i.underline=!0;else if(o===7)i.inverse=!0;else if(o===9)i.strike=!0;else if(o===21||o===22)i.bold=!1,i.dim=!1;else if(o===23)i.italic=!1;else if(o===24)i.underline=!1;else if(o===27)i.inverse=!1;else if(o===29)i.strike=!1;else if(o>=30&&o<=37)i.fg=o-30;else if(o===39)i.fg=null;else if(o>=40&&o<=47)i.bg=o-40;else if(o===49)i.bg=null;else if(o>=90&&o<=97)i.fg=o-90+8;else if(o>=100&&o<=107)i.bg=o-100+8;else if(o===38||o===48){let{colour:s,used:n}=Pt(t,r+1);o===38?i.fg=s:i.bg=s,r+=n}}}function et(i,e){if(Mt(e))return{text:i,cls:"",style:""};let t=e.fg,r=e.bg,o=[],s=[];return e.inverse&&([t,r]=[r,t],t===null&&o.push("fi"),r===null&&o.push("bi")),typeof t=="number"?o.push(`f${t}`):typeof t=="string"&&s.push(`color:${t}`),typeof r=="number"?o.push(`b${r}`):typeof r=="string"&&s.push(`background-color:${r}`),e.bold&&o.push("bo"),e.dim&&o.push("dm"),e.italic&&o.push("it"),e.underline&&o.push("un"),e.strike&&o.push("st"),{text:i,cls:o.join(" "),style:s.join(";")}}function tt(i,e){let t=[];if(!i.includes("\x1B")){let n=i.replace(Qe,"");return n&&t.push(et(n,e)),t}let r=0;Xe.lastIndex=0;let o,s=n=>{let p=n.replace(Qe,"");if(!p)return;let a=et(p,e),u=t[t.length-1];u&&u.cls===a.cls&&u.style===a.style?u.text+=p:t.push(a)};for(;(o=Xe.exec(i))!==null;)s(i.slice(r,o.index)),r=o.index+o[0].length,o[2]==="m"&&/^[0-9;:]*$/.test(o[1]??"")&&Ot(e,o[1]??"");return s(i.slice(r)),t}var rt=/^\.\.\. \[output trimmed: (\d+) earlier line\(s\) elided\]$/;function Nt(i){return`... [output trimmed: ${i} earlier line(s) elided]`}function Ht(i){return`... [${i} line(s) skipped: output came faster than it could be sent]`}function It(i){return`... [${i} earlier line(s) not kept by the viewer]`}var Dt=/^(?:\[\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\])?\[(VV|V|D|C|I|W|E)\]\[/,Ut=/^(ERROR|CRITICAL|WARNING|INFO|DEBUG)\s/,Jt=/\[(SUCCESS|FAILED|ERROR)\]/;function zt(i){let e=Dt.exec(i);if(e)return e[1]==="VV"?"v":e[1].toLowerCase();if(e=Ut.exec(i),e)switch(e[1]){case"ERROR":case"CRITICAL":return"e";case"WARNING":return"w";case"INFO":return"i";default:return"d"}return(i.startsWith("=")||i.startsWith("*"))&&(e=Jt.exec(i),e)?e[1]==="SUCCESS"?"s":"e":null}var qt=2e4,pe=class{constructor(e=qt){this.dropped=0;this.version=0;this._lines=[];this._state=B();this._transient=!1;this._nextId=0;this.maxLines=Math.max(1,e)}get rowCount(){return this._lines.length+(this.dropped>0?1:0)}row(e){if(this.dropped>0){if(e===0){let t=It(this.dropped);return{id:-1,kind:"marker",text:t,segments:[{text:t,cls:"",style:""}],level:null}}return this._lines[e-1]}return this._lines[e]}rowOf(e){let t=this._lines.length?this._lines[0].id:this._nextId,r=e-t;return r<0||r>=this._lines.length?-1:r+(this.dropped>0?1:0)}get lineCount(){return this._lines.length}reset(e=[],t=0){this._lines=[],this._state=B(),this._transient=!1,this.dropped=0,t>0&&!(e.length&&rt.test(e[0]))&&this.addMarker(Nt(t)),this.append(e)}append(e,t=0){t>0&&this.addMarker(Ht(t));for(let r of e)this._appendOne(r);this._bound(),this.version++}addMarker(e){this._transient=!1,this._state=B(),this._lines.push({id:this._nextId++,kind:"marker",text:e,segments:[{text:e,cls:"",style:""}],level:null}),this._bound(),this.version++}plainText(){let e=[];for(let t=0;t<this.rowCount;t++)e.push(this.row(t).text);return e.length?e.join(`
`)+`
`:""}_appendOne(e){let t=e.endsWith("\r"),r=t?e.slice(0,-1):e;if(this._transient&&this._lines.pop(),this._transient=t,rt.test(r)){this._state=B(),this._lines.push({id:this._nextId++,kind:"marker",text:r,segments:[{text:r,cls:"",style:""}],level:null});return}let o=tt(r,this._state),s=o.length===1?o[0].text:o.map(n=>n.text).join("");this._lines.push({id:this._nextId++,kind:"text",text:s,segments:o,level:zt(s)})}_bound(){if(this._lines.length<=2*this.maxLines)return;let e=this._lines.length-this.maxLines;this._lines=this._lines.slice(e),this.dropped+=e}};var w=18,it=20,A=class extends g{constructor(){super(...arguments);this.version=0;this.placeholder="";this._following=!0;this._scrollTop=0;this._viewport=400;this._anchorId=-1;this._anchorOffset=0;this._target=0;this._scrollFrame=0;this._onScroll=()=>{this._scrollFrame||(this._scrollFrame=requestAnimationFrame(()=>{this._scrollFrame=0;let t=this._scroller;if(!t||!this.model)return;let r=t.scrollTop,o=r+t.clientHeight>=t.scrollHeight-w/2;this._following=o;let s=Math.floor(r/w),n=s<this.model.rowCount?this.model.row(s):void 0;this._anchorId=n&&n.id>=0?n.id:-1,this._anchorOffset=r-s*w,this._scrollTop=r}))};this._onWheel={handleEvent:t=>{t.deltaY<0&&this._following&&this._pause()},passive:!0};this._onKey=t=>{t.key==="End"?(t.preventDefault(),this.jumpToEnd()):["ArrowUp","PageUp","Home"].includes(t.key)&&this._following&&this._pause()}}get following(){return this._following}get renderedRows(){return this.renderRoot?.querySelectorAll(".row").length??0}jumpToEnd(){this._following=!0,this.requestUpdate()}connectedCallback(){super.connectedCallback(),this._resize=new ResizeObserver(()=>{let t=this._scroller?.clientHeight??0;t&&t!==this._viewport&&(this._viewport=t)})}disconnectedCallback(){super.disconnectedCallback(),this._resize?.disconnect(),this._scrollFrame&&cancelAnimationFrame(this._scrollFrame),this._scrollFrame=0}firstUpdated(){this._scroller&&(this._resize?.observe(this._scroller),this._viewport=this._scroller.clientHeight||this._viewport)}willUpdate(t){let r=this.model?.rowCount??0,o=Math.max(0,r*w-this._viewport);if(this._following)this._target=o;else{let s=this._anchorId>=0&&this.model?this.model.rowOf(this._anchorId):-1;this._target=s>=0?Math.min(o,s*w+this._anchorOffset):Math.min(this._scrollTop,o)}this._scrollTop=this._target}updated(){let t=this._scroller;t&&Math.abs(t.scrollTop-this._target)>=1&&(t.scrollTop=this._target)}_pause(){let t=this._scroller;if(!t||!this.model)return;let r=t.scrollTop,o=Math.min(Math.floor(r/w),this.model.rowCount-1),s=o>=0?this.model.row(o):void 0;this._anchorId=s&&s.id>=0?s.id:-1,this._anchorOffset=r-o*w,this._following=!1}render(){let t=this.model,r=t?.rowCount??0,o=Math.max(0,Math.floor(this._scrollTop/w)-it),s=Math.min(r,Math.ceil((this._scrollTop+this._viewport)/w)+it),n=[];for(let p=o;p<s;p++)n.push(t.row(p));return l`
      <div class="scroller" tabindex="0" role="log" aria-live="off" @scroll=${this._onScroll} @wheel=${this._onWheel}
        @keydown=${this._onKey}>
        <div class="spacer" style="height:${r*w}px">
          <div class="rows" style="transform:translateY(${o*w}px)">
            ${n.map(p=>this._renderRow(p))}
          </div>
        </div>
        ${r===0&&this.placeholder?l`<div class="placeholder">${this.placeholder}</div>`:d}
      </div>
      ${this._following||r===0?d:l`<button class="jump" @click=${this.jumpToEnd}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z" /></svg>
            Jump to end
          </button>`}
    `}_renderRow(t){let r=t.kind==="marker"?"row marker":t.level?`row lv-${t.level}`:"row";return l`<div class=${r}>${t.segments.map(o=>o.cls||o.style?l`<span class=${o.cls} style=${o.style}>${o.text}</span>`:o.text)}</div>`}};A.styles=[Be,v`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        background: var(--eb-log-bg);
        color: var(--eb-log-fg);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        border-radius: var(--ha-card-border-radius, 12px);
        overflow: hidden;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
        font-size: 12.5px;
        outline: none;
        overscroll-behavior: contain;
      }
      .spacer {
        position: relative;
        min-width: 100%;
        width: max-content;
      }
      .rows {
        padding: 0 12px;
        will-change: transform;
      }
      .row {
        height: 18px;
        line-height: 18px;
        white-space: pre;
        overflow: hidden;
      }
      .marker {
        color: var(--eb-marker-fg);
        font-style: italic;
        background: var(--eb-marker-bg);
        margin: 0 -12px;
        padding: 0 12px;
      }
      .placeholder {
        position: absolute;
        inset: 16px;
        color: var(--secondary-text-color);
        font-family: var(--paper-font-body1_-_font-family, inherit);
      }
      .jump {
        position: absolute;
        right: 16px;
        bottom: 16px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 8px 14px 8px 10px;
        border: none;
        border-radius: 18px;
        background: var(--primary-color);
        color: var(--text-primary-color, #fff);
        font: inherit;
        font-weight: 500;
        cursor: pointer;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .jump svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
    `],c([h({attribute:!1})],A.prototype,"model",2),c([h({type:Number})],A.prototype,"version",2),c([h()],A.prototype,"placeholder",2),c([b()],A.prototype,"_following",2),c([b()],A.prototype,"_scrollTop",2),c([b()],A.prototype,"_viewport",2),c([j(".scroller")],A.prototype,"_scroller",2);$("esphome-builder-log",A);var Vt=new Set(["unknown_command","timeout","home_assistant_error","unknown_error"]);function Ft(i,e){return i?e?_(e)&&!_(i)?{...i,...e}:{...e,...i}:i:e}var x=class extends g{constructor(){super(...arguments);this.jobId="";this.narrow=!1;this.dark=!1;this.cancelling=!1;this.now=Date.now();this._version=0;this._error="";this._live=!1;this.model=new pe;this._frame=0}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.hass&&this.jobId&&!this._sub&&this._follow()}disconnectedCallback(){super.disconnectedCallback(),this._sub?.stop(),this._sub=void 0,this._frame&&cancelAnimationFrame(this._frame),this._frame=0}willUpdate(t){!this.isConnected||!this.hass||!this.jobId||(t.has("jobId")||!this._sub)&&this._follow()}_follow(){if(this._sub?.stop(),this._sub=void 0,this.model.reset(),this._followed=void 0,this._error="",this._live=!1,this._version++,!this.hass||!this.jobId)return;let t=this.jobId;this._sub=new z(this.hass.connection,{type:"esphome_builder/jobs/follow",job_id:t},r=>this._onMessage(r),r=>{this._live=r.state==="live",r.state==="ended"&&r.lastError?this._error=r.lastError:r.state==="live"&&(this._error="")},r=>!Vt.has(r?.code??""))}_onMessage(t){switch(t.type){case"history":this.model.reset(t.lines,t.elided),this._followed=t.job;break;case"output":this.model.append(t.lines,t.skipped);break;case"progress":this._followed&&(this._followed={...this._followed,progress:t.progress});break;case"status":this._followed=t.job;break;case"result":(this._followed||t.job)&&(this._followed={...this._followed??t.job,...t.job??{},status:t.status,exit_code:t.exit_code,error:t.error}),this._sub?.end();break;case"resync_required":this._sub?.restart();break}this._scheduleRender()}_scheduleRender(){this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._version=this.model.version}))}get _job(){return Ft(this.job,this._followed)}_fileName(t){return`${(t?.configuration??"job").replace(/\.ya?ml$/,"")}-${t?.action??"log"}-${this.jobId}.log`.replace(/[^\w.-]+/g,"_")}async _copy(){try{await Ye(this.model.plainText()),Z(this,"Log copied to the clipboard")}catch(t){Z(this,`Could not copy the log: ${q(t)}`)}}_download(){Ge(this._fileName(this._job),this.model.plainText())}_fire(t,r){this.dispatchEvent(new CustomEvent(t,{detail:r,bubbles:!0,composed:!0}))}render(){let t=this._job,r=t?_(t):!1,o=this._error?"":t?r?"This job printed nothing.":"Waiting for output…":"Connecting…";return l`
      <div class="card header">
        <div class="top">
          <button class="eb back" @click=${()=>this._fire("eb-back")} title="All jobs" aria-label="All jobs">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20,11V13H8L13.5,18.5L12.08,19.92L4.16,12L12.08,4.08L13.5,5.5L8,11H20Z" /></svg>
          </button>
          <div class="what">
            <div class="title">${t?l`${L[t.action]??t.action} <b>${t.configuration}</b>`:this.jobId}</div>
            ${t?l`<div class="meta secondary">
                  ${V(t)}
                  <span>${de(t.created_at,this.hass?.language)}</span>
                  <span class="duration">${W(t,this.now)}</span>
                  ${!r&&t.progress?l`<span>${t.progress}%</span>`:d}
                  ${t.device?l`<span>→ ${t.device}</span>`:d}
                  ${r&&t.exit_code!=null?l`<span>exit code ${t.exit_code}</span>`:d}
                  ${!r&&!this._live?l`<span class="reconnecting">reconnecting…</span>`:d}
                </div>`:d}
          </div>
          <div class="buttons">
            ${t&&!r?l`<button class="eb danger cancel" ?disabled=${this.cancelling}
                  @click=${()=>this._fire("eb-cancel-job",this.jobId)}>${this.cancelling?"Cancelling…":"Cancel"}</button>`:d}
            <button class="eb copy" @click=${this._copy} title="Copy the log">Copy</button>
            <button class="eb download" @click=${this._download} title="Download the log">Download</button>
          </div>
        </div>
        ${t?F(t):d}
        ${t?.error?l`<div class="error job-error">${t.error}</div>`:d}
        ${this._error?l`<div class="error follow-error">${this._error}</div>`:d}
      </div>
      <esphome-builder-log
        .model=${this.model}
        .version=${this._version}
        .placeholder=${o}
        ?dark=${this.dark}
      ></esphome-builder-log>
    `}get log(){return this._log}};x.styles=[S,v`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-height: 0;
        height: 100%;
      }
      .header {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 10px 12px;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .back {
        padding: 0;
        width: 36px;
        min-height: 36px;
        border-radius: 50%;
        border: none;
        color: var(--primary-text-color);
      }
      .back svg {
        width: 22px;
        height: 22px;
        fill: currentColor;
      }
      .what {
        flex: 1;
        min-width: 180px;
      }
      .title {
        font-size: 16px;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        margin-top: 2px;
        font-size: 13px;
      }
      .reconnecting {
        color: var(--warning-color, #ffa600);
      }
      .buttons {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .error {
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
        color: var(--error-color, #db4437);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      esphome-builder-log {
        flex: 1;
        min-height: 240px;
      }
    `],c([h({attribute:!1})],x.prototype,"hass",2),c([h()],x.prototype,"jobId",2),c([h({attribute:!1})],x.prototype,"job",2),c([h({type:Boolean})],x.prototype,"narrow",2),c([h({type:Boolean})],x.prototype,"dark",2),c([h({type:Boolean})],x.prototype,"cancelling",2),c([h({type:Number})],x.prototype,"now",2),c([b()],x.prototype,"_followed",2),c([b()],x.prototype,"_version",2),c([b()],x.prototype,"_error",2),c([b()],x.prototype,"_live",2),c([j("esphome-builder-log")],x.prototype,"_log",2);$("esphome-builder-job",x);var T=class extends g{constructor(){super(...arguments);this.jobs=[];this.cancelling=new Set;this.now=Date.now();this.loading=!1}_fire(t,r){this.dispatchEvent(new CustomEvent(t,{detail:r,bubbles:!0,composed:!0}))}render(){let t=this.jobs.filter(o=>!_(o)),r=this.jobs.filter(o=>_(o));return this.jobs.length?l`
      ${t.length?l`<h2>Active</h2>
            <div class="card list">${t.map(o=>this._renderJob(o))}</div>`:d}
      ${r.length?l`<h2>Recent</h2>
            <div class="card list">${r.map(o=>this._renderJob(o))}</div>`:d}
    `:l`<div class="empty">${this.loading?"Loading…":"No jobs yet. Start one from the devices view."}</div>`}_renderJob(t){let r=this.cancelling.has(t.job_id);return l`
      <div class="job" data-job-id=${t.job_id} data-status=${t.status}>
        <button class="open" @click=${()=>this._fire("eb-open-job",t.job_id)} title="Show the log">
          <span class="line">
            ${V(t)}
            <span class="what">${L[t.action]??t.action} <b>${t.configuration}</b></span>
          </span>
          <span class="line secondary">
            <span>${de(t.created_at,this.language)}</span>
            <span>${W(t,this.now)}</span>
            ${t.status==="running"&&t.progress?l`<span>${t.progress}%</span>`:d}
            ${t.device?l`<span>→ ${t.device}</span>`:d}
            ${t.builder&&t.builder!=="local"?l`<span>on ${t.builder}</span>`:d}
          </span>
          ${F(t)}
        </button>
        ${_(t)?d:l`<button class="eb danger cancel" ?disabled=${r}
              @click=${()=>this._fire("eb-cancel-job",t.job_id)}>${r?"Cancelling…":"Cancel"}</button>`}
      </div>
    `}};T.styles=[S,v`
      :host {
        display: block;
      }
      h2 {
        margin: 8px 4px 8px;
        font-size: 14px;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--secondary-text-color);
      }
      .list {
        margin-bottom: 24px;
        overflow: hidden;
      }
      .job {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 0;
      }
      .job + .job {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .open {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 12px 16px;
        border: none;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .what {
        overflow-wrap: anywhere;
      }
      .line.secondary {
        font-size: 13px;
      }
      .progress {
        max-width: 480px;
      }
    `],c([h({attribute:!1})],T.prototype,"jobs",2),c([h({attribute:!1})],T.prototype,"cancelling",2),c([h({type:Number})],T.prototype,"now",2),c([h({type:Boolean})],T.prototype,"loading",2),c([h()],T.prototype,"language",2);$("esphome-builder-jobs",T);var Wt=200,Ce=Object.freeze({devices:[],jobs:[],loaded:!1});function ot(i){return i.sort((e,t)=>e.created_at<t.created_at?1:e.created_at>t.created_at?-1:0)}function Kt(i,e){let t=i.findIndex(o=>o.job_id===e.job_id),r=[...i];return t>=0?r[t]=e:r.unshift(e),ot(r).slice(0,Wt)}function Zt(i,e){switch(e.type){case"initial_state":return{devices:[...e.devices],jobs:ot([...e.jobs]),loaded:!0};case"device_added":case"device_updated":{let t=i.devices.filter(r=>r.configuration!==e.device.configuration);return{...i,devices:[...t,e.device]}}case"device_removed":return{...i,devices:i.devices.filter(t=>t.configuration!==e.device.configuration)};case"resync_required":return i;default:return!e.type.startsWith("job_")||!("job"in e)||!e.job?i:{...i,jobs:Kt(i.jobs,e.job)}}}function st(i){let e=new Map;for(let t of i)e.has(t.configuration)||e.set(t.configuration,t);return e}function Ee(i){return i.reduce((e,t)=>_(t)?e:e+1,0)}var he=class{constructor(e,t,r=Ce){this.conn=e;this._onChange=t;this.resyncs=0;this._stopped=!1;this._onDisconnected=()=>{this.connected=!1,this._onChange(this)};this._onReady=()=>{this.connected=!0,this._onChange(this)};this.data=r,this.connected=e.connected,e.addEventListener("disconnected",this._onDisconnected),e.addEventListener("ready",this._onReady),this._sub=new z(e,{type:"esphome_builder/subscribe_events"},o=>this._onMessage(o))}stop(){this._stopped||(this._stopped=!0,this._sub.stop(),this.conn.removeEventListener("disconnected",this._onDisconnected),this.conn.removeEventListener("ready",this._onReady))}_onMessage(e){if(e.type==="resync_required"){this.resyncs++,this._sub.restart();return}let t=Zt(this.data,e);t!==this.data&&(this.data=t,this._onChange(this))}};var nt=v`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 100vh;
    background: var(--primary-background-color);
    color: var(--primary-text-color);
    font-family: var(--paper-font-body1_-_font-family, var(--ha-font-family-body, Roboto, sans-serif));
    -webkit-font-smoothing: antialiased;
  }
  .toolbar {
    /* A long device list must not squeeze the toolbar (and hide the tabs). */
    flex: none;
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    align-items: flex-end;
    flex-wrap: wrap;
    gap: 0 24px;
    padding: 0 12px;
    padding-left: max(12px, env(safe-area-inset-left));
    min-height: var(--header-height, 56px);
    background: var(--app-header-background-color, var(--primary-color));
    color: var(--app-header-text-color, var(--text-primary-color, #fff));
    border-bottom: var(--app-header-border-bottom, none);
    box-sizing: border-box;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 4px;
    height: var(--header-height, 56px);
  }
  .title {
    font-size: 20px;
    font-weight: 400;
    margin-left: 4px;
    white-space: nowrap;
  }
  .menu {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 48px;
    height: 48px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .menu svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  ha-menu-button {
    color: inherit;
  }
  .tabs {
    display: flex;
    height: var(--header-height, 56px);
  }
  :host([narrow]) .tabs {
    width: 100%;
    height: 44px;
  }
  .tabs a {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0 16px;
    color: inherit;
    opacity: 0.75;
    text-decoration: none;
    font-weight: 500;
    font-size: 14px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    border-bottom: 2px solid transparent;
  }
  :host([narrow]) .tabs a {
    flex: 1;
    justify-content: center;
  }
  .tabs a.active {
    opacity: 1;
    border-bottom-color: currentColor;
  }
  .badge {
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 9px;
    box-sizing: border-box;
    background: var(--accent-color, #ff9800);
    color: var(--text-accent-color, var(--text-primary-color, #fff));
    font-size: 12px;
    line-height: 18px;
    text-align: center;
  }
  .banner {
    padding: 8px 16px;
    background: var(--warning-color, #ffa600);
    color: var(--text-primary-color, #fff);
    text-align: center;
  }
  main {
    flex: 1;
    box-sizing: border-box;
    width: 100%;
    max-width: 1400px;
    margin: 0 auto;
    padding: 16px;
  }
  main.job {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: calc(100vh - var(--header-height, 56px));
  }
  :host([narrow]) main {
    padding: 8px;
  }
  :host([narrow]) main.job {
    height: calc(100vh - var(--header-height, 56px) - 44px);
  }
  esphome-builder-job {
    flex: 1;
    min-height: 0;
  }
`;var je="/esphome-builder";function at(i){let e=i.split("/").filter(Boolean);return e[0]==="jobs"&&e[1]?{name:"job",jobId:decodeURIComponent(e[1])}:e[0]==="jobs"?{name:"jobs"}:{name:"devices"}}function lt(i){return i?.prefix||je}function ct(i){if(i)return at(i.path);let e=location.pathname.startsWith(je)?location.pathname.slice(je.length):"";return at(e)}function Le(i,e){return`${i}/jobs/${encodeURIComponent(e)}`}function Me(i){i.metaKey||i.ctrlKey||i.shiftKey||i.button!==0||(i.preventDefault(),K(i.currentTarget.getAttribute("href")))}var Bt=/^(?:\/dev\/[\w./-]+|[A-Za-z0-9_.:[\]%-]+)$/,k=class extends g{constructor(){super(...arguments);this._action="";this._configuration="";this._mode="ota";this._address="";this._error=""}async ask(t,r){return this._resolve?.(null),this._action=t,this._configuration=r,this._error="",await this.updateComplete,this._dialog.showModal(),new Promise(o=>{this._resolve=o})}_finish(t){let r=this._resolve;this._resolve=void 0,this._dialog.open&&this._dialog.close(),r?.(t)}_submit(t){if(t.preventDefault(),this._mode==="ota"){this._finish("OTA");return}let r=this._address.trim();if(!r||r.startsWith("-")||!Bt.test(r)){this._error="Enter a host name, an IP address or a serial port such as /dev/ttyUSB0.",this._input?.focus();return}this._finish(r)}render(){let t=L[this._action]??this._action;return l`
      <dialog @close=${()=>this._finish(null)} @cancel=${()=>this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${t} ${this._configuration}</h2>
          <p class="secondary">${this._action==="logs"?"Where should the logs come from?":"Where should the firmware go?"}</p>
          <label class="option">
            <input type="radio" name="mode" value="ota" .checked=${this._mode==="ota"}
              @change=${()=>this._mode="ota"} />
            <span>Over the air <span class="secondary">(the address in the configuration)</span></span>
          </label>
          <label class="option">
            <input type="radio" name="mode" value="address" .checked=${this._mode==="address"}
              @change=${()=>{this._mode="address",this.updateComplete.then(()=>this._input?.focus())}} />
            <span>This address or serial port</span>
          </label>
          <input name="address" type="text" autocomplete="off" spellcheck="false"
            placeholder="192.168.1.50, device.local or /dev/ttyUSB0"
            .value=${this._address}
            ?disabled=${this._mode!=="address"}
            @input=${r=>this._address=r.target.value} />
          ${this._error?l`<p class="error" role="alert">${this._error}</p>`:d}
          <div class="buttons">
            <button class="eb" type="button" @click=${()=>this._finish(null)}>Cancel</button>
            <button class="eb primary" type="submit">${t}</button>
          </div>
        </form>
      </dialog>
    `}};k.styles=[S,v`
      dialog {
        border: none;
        border-radius: var(--ha-dialog-border-radius, 24px);
        padding: 24px;
        width: min(420px, calc(100vw - 48px));
        background: var(--mdc-theme-surface, var(--card-background-color, #fff));
        color: var(--primary-text-color);
        box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.45);
      }
      h2 {
        margin: 0 0 4px;
        font-size: 20px;
        font-weight: 500;
        word-break: break-word;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 10px 0;
        cursor: pointer;
      }
      input[type="radio"] {
        accent-color: var(--primary-color);
        margin: 0;
      }
      input[name="address"] {
        box-sizing: border-box;
        width: 100%;
        margin: 4px 0 0;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      input[name="address"]:disabled {
        opacity: 0.5;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 20px;
      }
    `],c([b()],k.prototype,"_action",2),c([b()],k.prototype,"_configuration",2),c([b()],k.prototype,"_mode",2),c([b()],k.prototype,"_address",2),c([b()],k.prototype,"_error",2),c([j("dialog")],k.prototype,"_dialog",2),c([j("input[name=address]")],k.prototype,"_input",2);$("esphome-builder-target-dialog",k);var y=class extends g{constructor(){super(...arguments);this.narrow=!1;this._data=Ce;this._connected=!0;this._now=Date.now();this._cancelling=new Set;this._menuButtonDefined=!!customElements.get("ha-menu-button");this._openJob=t=>{K(Le(this._prefix,t.detail))}}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe(),this._menuButtonDefined||customElements.whenDefined("ha-menu-button").then(()=>this._menuButtonDefined=!0)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe()}willUpdate(t){t.has("hass")&&this.hass&&(this._feed&&this.hass.connection!==this._feed.conn&&this._unsubscribe(),!this._feed&&this.isConnected&&this._subscribe(),this.toggleAttribute("dark",!!this.hass.themes?.darkMode)),t.has("_data")&&this._tick()}_subscribe(){this._feed||(this._feed=new he(this.hass.connection,t=>this._onFeed(t),this._data),this._connected=this._feed.connected)}_unsubscribe(){this._feed?.stop(),this._feed=void 0,this._clock&&clearInterval(this._clock),this._clock=void 0}_onFeed(t){if(this._connected=t.connected,t.data===this._data)return;this._data=t.data;let r=[...this._cancelling].filter(o=>{let s=t.data.jobs.find(n=>n.job_id===o);return s!==void 0&&_(s)});r.length&&(this._cancelling=new Set([...this._cancelling].filter(o=>!r.includes(o))))}_tick(){let t=Ee(this._data.jobs)>0;t&&!this._clock?this._clock=setInterval(()=>this._now=Date.now(),1e3):!t&&this._clock&&(clearInterval(this._clock),this._clock=void 0,this._now=Date.now())}async _onAction(t){let{action:r,configuration:o}=t.detail,s;if(r==="install"||r==="logs"){let n=await this._dialog.ask(r,o);if(n===null)return;s=n}await this._start(r,o,s)}async _start(t,r,o){if(this.hass)try{let{job_id:s}=await ke.startJob(this.hass.connection,t,r,o);K(Le(this._prefix,s))}catch(s){Z(this,`Could not start: ${q(s)}`)}}async _onCancel(t){let r=t.detail;if(!(!this.hass||this._cancelling.has(r))){this._cancelling=new Set([...this._cancelling,r]);try{await ke.cancelJob(this.hass.connection,r)}catch(o){Z(this,`Could not cancel: ${q(o)}`)}finally{let o=new Set(this._cancelling);o.delete(r),this._cancelling=o}}}get _prefix(){return lt(this.route)}_renderMenuButton(){return this.narrow?this._menuButtonDefined?l`<ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>`:l`<button class="menu" aria-label="Sidebar"
      @click=${()=>this.dispatchEvent(new Event("hass-toggle-menu",{bubbles:!0,composed:!0}))}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z" /></svg>
    </button>`:d}render(){let t=ct(this.route),{devices:r,jobs:o,loaded:s}=this._data,n=Ee(o),p=t.name==="devices"?"devices":"jobs";return l`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${p==="devices"} class=${p==="devices"?"active":""}
            @click=${Me}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${p==="jobs"} class=${p==="jobs"?"active":""}
            @click=${Me}>Jobs${n?l`<span class="badge">${n}</span>`:d}</a>
        </nav>
      </header>
      ${this._connected?d:l`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${t.name==="job"?"job":""}>
        ${t.name==="devices"?l`<esphome-builder-devices
              .devices=${r}
              .latest=${st(o)}
              .now=${this._now}
              .loading=${!s}
              @eb-action=${this._onAction}
              @eb-open-job=${this._openJob}
            ></esphome-builder-devices>`:t.name==="jobs"?l`<esphome-builder-jobs
                .jobs=${o}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!s}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`:l`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${t.jobId}
                .job=${o.find(a=>a.job_id===t.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(t.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-back=${()=>K(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
    `}};y.styles=[S,nt],c([h({attribute:!1})],y.prototype,"hass",2),c([h({type:Boolean,reflect:!0})],y.prototype,"narrow",2),c([h({attribute:!1})],y.prototype,"route",2),c([h({attribute:!1})],y.prototype,"panel",2),c([b()],y.prototype,"_data",2),c([b()],y.prototype,"_connected",2),c([b()],y.prototype,"_now",2),c([b()],y.prototype,"_cancelling",2),c([b()],y.prototype,"_menuButtonDefined",2),c([j("esphome-builder-target-dialog")],y.prototype,"_dialog",2);$("esphome-builder-panel",y);export{y as EsphomeBuilderPanel};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
